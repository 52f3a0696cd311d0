#!/usr/bin/python
# SPDX-License-Identifier: Apache-2.0
"""Ansible module driving `xfrmkey diff` and `xfrmkey apply` on the managed host."""

from __future__ import annotations

import json
import os
import tempfile

from ansible.module_utils.basic import AnsibleModule

DOCUMENTATION = r"""
module: xfrmkey
short_description: Make a host's IPsec SPD/SAD match a setkey-language file
description:
  - Runs C(xfrmkey diff -j) to learn what differs, then C(xfrmkey apply -j) to change
    exactly that, all or nothing. C(changed) is true only when the kernel was changed
    (or, in check mode, would be).
  - Entries outside O(scope) are never removed or changed.
options:
  src:
    description: Path of the configuration on the managed host. Keys in it may be
      C(file:PATH), C(env:NAME) or C(fd:N) references.
    type: path
  content:
    description: The configuration itself; written to a private temporary file.
      Never logged.
    type: str
  scope:
    description: What the file owns, each as C(xfrmkey --scope) takes it
      (C(all), C(reqid:A-B), C(mark:V[/M]), C(if-id:N)).
    type: list
    elements: str
    required: true
  netns:
    description: Named network namespace (C(ip netns)) to work in.
    type: str
  binary:
    description: The xfrmkey executable.
    type: path
    default: xfrmkey
  kernel_mode:
    description: Install policies exactly as written (C(-k)); default is RFC mode.
    type: bool
    default: false
  allow_shared_key_files:
    description: Accept key files readable by group or others, with a warning.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Site-to-site tunnels
  xfrmkey:
    src: /etc/xfrmkey.conf
    scope: ["reqid:100-199"]
"""

RETURN = r"""
result:
  description: C(changed), C(unchanged) (check mode - C(would change)), C(rolled back).
  type: str
diff_summary:
  description: Counts of entries to add, remove and change, as diff found them.
  type: dict
statements:
  description: The statements that differ, prefixed + - ~; keys are never included.
  type: list
"""


def run_json(module, arguments):
    """Runs xfrmkey with ARGUMENTS; returns (status, parsed JSON or None, stderr)."""
    status, out, err = module.run_command(arguments)
    try:
        return status, json.loads(out) if out.strip() else None, err
    except ValueError:
        return status, None, err or out


def summarize(diff):
    """The counts and marked statements of a diff object."""
    statements = [f"+ {entry['statement']}" for entry in diff.get("add", [])]
    statements += [f"- {entry['statement']}" for entry in diff.get("remove", [])]
    statements += [f"~ {change['to']['statement']}" for change in diff.get("change", [])]
    counts = {name: len(diff.get(name, [])) for name in ("add", "remove", "change")}
    return counts, statements


def main():
    module = AnsibleModule(
        argument_spec=dict(
            src=dict(type="path"),
            content=dict(type="str", no_log=True),
            scope=dict(type="list", elements="str", required=True),
            netns=dict(type="str"),
            binary=dict(type="path", default="xfrmkey"),
            kernel_mode=dict(type="bool", default=False),
            allow_shared_key_files=dict(type="bool", default=False),
        ),
        mutually_exclusive=[("src", "content")],
        required_one_of=[("src", "content")],
        supports_check_mode=True,
    )
    params = module.params
    source = params["src"]
    temporary = None
    if params["content"] is not None:
        descriptor, temporary = tempfile.mkstemp(prefix="xfrmkey-", suffix=".conf")
        with os.fdopen(descriptor, "w") as handle:
            handle.write(params["content"])
        source = temporary

    try:
        common = ["-f", source]
        for scope in params["scope"]:
            common += ["--scope", scope]
        if params["netns"]:
            common += ["--netns", params["netns"]]
        if params["kernel_mode"]:
            common.append("-k")
        if params["allow_shared_key_files"]:
            common.append("--allow-shared-key-files")

        status, diff, err = run_json(module, [params["binary"], "diff", "-j"] + common)
        if status not in (0, 2) or diff is None:
            module.fail_json(msg=f"xfrmkey diff failed (status {status}): {err.strip()}")
        counts, statements = summarize(diff)
        if diff.get("conflicts"):
            module.fail_json(
                msg="entries conflict with the scope: " + err.strip(),
                diff_summary=counts, statements=statements)
        if status == 0:
            module.exit_json(changed=False, result="unchanged", diff_summary=counts,
                             statements=[])
        # `ansible-playbook --diff` shows the marked statements (keys are never in them).
        shown = {"diff": {"prepared": "\n".join(statements) + "\n"}} if module._diff else {}
        if module.check_mode:
            module.exit_json(changed=True, result="would change", diff_summary=counts,
                             statements=statements, **shown)

        status, report, err = run_json(module, [params["binary"], "apply", "-j"] + common)
        if status != 0 or report is None:
            module.fail_json(
                msg=f"xfrmkey apply failed (status {status}): {err.strip()}",
                result=(report or {}).get("result"), diff_summary=counts,
                statements=statements)
        module.exit_json(changed=bool(report["changed"]), result=report["result"],
                         diff_summary=counts, statements=statements, **shown)
    finally:
        if temporary:
            os.unlink(temporary)


if __name__ == "__main__":
    main()
