// SPDX-License-Identifier: Apache-2.0
// libedit (BSD editline) for the interactive shell, opened with dlopen when the shell
// starts: every other run of xfrmkey (a load, a dump) then skips loading libedit and the
// libraries it needs, a fifth of its start-up time. el_set, el_get and history take
// variable arguments, which Swift cannot call, so each use gets a fixed-signature wrapper.
//
// Only LineEditor.swift may import this module: the table of entry points lives in a
// function-local static of a static inline function, one per file that includes it.
#ifndef XFRMKEY_CEDITLINE_SHIM_H
#define XFRMKEY_CEDITLINE_SHIM_H

#include <dlfcn.h>
#include <stdio.h>
#include <locale.h>
#include <histedit.h>

/// libedit's entry points, found in libedit.so.2 (Debian's libedit2).
struct xfrmkey_editline {
  EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
  void (*el_end)(EditLine *);
  const char *(*el_gets)(EditLine *, int *);
  int (*el_source)(EditLine *, const char *);
  const LineInfo *(*el_line)(EditLine *);
  int (*el_insertstr)(EditLine *, const char *);
  int (*el_set)(EditLine *, int, ...);
  int (*el_get)(EditLine *, int, ...);
  History *(*history_init)(void);
  void (*history_end)(History *);
  int (*history)(History *, HistEvent *, int, ...);
};

/// The entry points, loaded on the first call; NULL when libedit cannot be loaded (then
/// `xfrmkey_editline_error` says why).
static inline const struct xfrmkey_editline *xfrmkey_editline_api(void) {
  static struct xfrmkey_editline api;
  static int state; // 0 not tried, 1 loaded, -1 failed
  if (state == 0) {
    void *library = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    state = -1;
    if (library) {
      api.el_init = (EditLine *(*)(const char *, FILE *, FILE *, FILE *))dlsym(library, "el_init");
      api.el_end = (void (*)(EditLine *))dlsym(library, "el_end");
      api.el_gets = (const char *(*)(EditLine *, int *))dlsym(library, "el_gets");
      api.el_source = (int (*)(EditLine *, const char *))dlsym(library, "el_source");
      api.el_line = (const LineInfo *(*)(EditLine *))dlsym(library, "el_line");
      api.el_insertstr = (int (*)(EditLine *, const char *))dlsym(library, "el_insertstr");
      api.el_set = (int (*)(EditLine *, int, ...))dlsym(library, "el_set");
      api.el_get = (int (*)(EditLine *, int, ...))dlsym(library, "el_get");
      api.history_init = (History *(*)(void))dlsym(library, "history_init");
      api.history_end = (void (*)(History *))dlsym(library, "history_end");
      api.history = (int (*)(History *, HistEvent *, int, ...))dlsym(library, "history");
      if (api.el_init && api.el_end && api.el_gets && api.el_source && api.el_line &&
          api.el_insertstr && api.el_set && api.el_get && api.history_init &&
          api.history_end && api.history) {
        state = 1;
      }
    }
  }
  return state == 1 ? &api : NULL;
}

/// Why libedit could not be loaded (dlerror's text), or NULL.
static inline const char *xfrmkey_editline_error(void) { return dlerror(); }

static inline EditLine *xfrmkey_el_init(const char *program) {
  return xfrmkey_editline_api()->el_init(program, stdin, stdout, stderr);
}

static inline void xfrmkey_el_end(EditLine *el) { xfrmkey_editline_api()->el_end(el); }

static inline const char *xfrmkey_el_gets(EditLine *el, int *count) {
  return xfrmkey_editline_api()->el_gets(el, count);
}

static inline int xfrmkey_el_source(EditLine *el, const char *path) {
  return xfrmkey_editline_api()->el_source(el, path);
}

static inline const LineInfo *xfrmkey_el_line(EditLine *el) {
  return xfrmkey_editline_api()->el_line(el);
}

static inline int xfrmkey_el_insertstr(EditLine *el, const char *text) {
  return xfrmkey_editline_api()->el_insertstr(el, text);
}

static inline History *xfrmkey_history_init(void) {
  return xfrmkey_editline_api()->history_init();
}

static inline void xfrmkey_history_end(History *h) { xfrmkey_editline_api()->history_end(h); }

/// The prompt callback: returns the prompt text (owned by the caller of set_prompt).
typedef char *(*xfrmkey_prompt_function)(EditLine *);

/// A key-bound editor command, e.g. completion; returns a CC_* code.
typedef unsigned char (*xfrmkey_editor_function)(EditLine *, int);

static inline int xfrmkey_el_set_prompt(EditLine *el, xfrmkey_prompt_function function) {
  return xfrmkey_editline_api()->el_set(el, EL_PROMPT, function);
}

static inline int xfrmkey_el_set_editor(EditLine *el, const char *mode) {
  return xfrmkey_editline_api()->el_set(el, EL_EDITOR, mode);
}

static inline int xfrmkey_el_set_signal_handling(EditLine *el, int on) {
  return xfrmkey_editline_api()->el_set(el, EL_SIGNAL, on);
}

static inline int xfrmkey_el_set_history(EditLine *el, History *history_object) {
  const struct xfrmkey_editline *api = xfrmkey_editline_api();
  return api->el_set(el, EL_HIST, api->history, history_object);
}

static inline int xfrmkey_el_add_function(
    EditLine *el, const char *name, const char *help, xfrmkey_editor_function function) {
  return xfrmkey_editline_api()->el_set(el, EL_ADDFN, name, help, function);
}

static inline int xfrmkey_el_bind(EditLine *el, const char *key, const char *command) {
  return xfrmkey_editline_api()->el_set(el, EL_BIND, key, command, NULL);
}

static inline int xfrmkey_el_set_client_data(EditLine *el, void *data) {
  return xfrmkey_editline_api()->el_set(el, EL_CLIENTDATA, data);
}

static inline void *xfrmkey_el_client_data(EditLine *el) {
  void *data = NULL;
  xfrmkey_editline_api()->el_get(el, EL_CLIENTDATA, &data);
  return data;
}

static inline int xfrmkey_history_set_size(History *h, int size) {
  HistEvent event;
  return xfrmkey_editline_api()->history(h, &event, H_SETSIZE, size);
}

static inline int xfrmkey_history_set_unique(History *h, int on) {
  HistEvent event;
  return xfrmkey_editline_api()->history(h, &event, H_SETUNIQUE, on);
}

static inline int xfrmkey_history_enter(History *h, const char *line) {
  HistEvent event;
  return xfrmkey_editline_api()->history(h, &event, H_ENTER, line);
}

static inline int xfrmkey_history_load(History *h, const char *path) {
  HistEvent event;
  return xfrmkey_editline_api()->history(h, &event, H_LOAD, path);
}

static inline int xfrmkey_history_save(History *h, const char *path) {
  HistEvent event;
  return xfrmkey_editline_api()->history(h, &event, H_SAVE, path);
}

#endif
