// SPDX-License-Identifier: Apache-2.0
// libedit (BSD editline) for the interactive shell. el_set, el_get and history take
// variable arguments, which Swift cannot call, so each use gets a fixed-signature wrapper.
#ifndef XFRMKEY_CEDITLINE_SHIM_H
#define XFRMKEY_CEDITLINE_SHIM_H

#include <stdio.h>
#include <locale.h>
#include <histedit.h>

/// The prompt callback: returns the prompt text (owned by the caller of set_prompt).
typedef char *(*xfrmkey_prompt_function)(EditLine *);

/// A key-bound editor command, e.g. completion; returns a CC_* code.
typedef unsigned char (*xfrmkey_editor_function)(EditLine *, int);

static inline int xfrmkey_el_set_prompt(EditLine *el, xfrmkey_prompt_function function) {
  return el_set(el, EL_PROMPT, function);
}

static inline int xfrmkey_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

static inline int xfrmkey_el_set_signal_handling(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

static inline int xfrmkey_el_set_history(EditLine *el, History *history_object) {
  return el_set(el, EL_HIST, history, history_object);
}

static inline int xfrmkey_el_add_function(
    EditLine *el, const char *name, const char *help, xfrmkey_editor_function function) {
  return el_set(el, EL_ADDFN, name, help, function);
}

static inline int xfrmkey_el_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, NULL);
}

static inline int xfrmkey_el_set_client_data(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

static inline void *xfrmkey_el_client_data(EditLine *el) {
  void *data = NULL;
  el_get(el, EL_CLIENTDATA, &data);
  return data;
}

static inline int xfrmkey_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}

static inline int xfrmkey_history_set_unique(History *h, int on) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, on);
}

static inline int xfrmkey_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

static inline int xfrmkey_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

static inline int xfrmkey_history_save(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_SAVE, path);
}

#endif
