#!/usr/bin/env python3
"""Writes a roff man page for `events` from `events --experimental-dump-help` (JSON on stdin).

The fallback of scripts/install when swift-argument-parser's generate-manual plugin cannot run:
one page, a section per subcommand, each with its abstract, discussion and options.
"""
import json, sys


def esc(text):
    lines = text.replace("\\", "\\e").split("\n")
    return "\n".join(("\\&" + l) if l.startswith((".", "'")) else l for l in lines)


def names(arg):
    return ", ".join(("-" if n["kind"] == "short" else "--") + n["name"] for n in arg.get("names", []))


def command(cmd, path, out):
    args = [a for a in cmd.get("arguments", []) if a.get("shouldDisplay", True)]
    out.append(".SH " + esc(" ".join(path).upper()) if len(path) > 1 else ".SH DESCRIPTION")
    if cmd.get("abstract"):
        out.append(esc(cmd["abstract"]))
    if cmd.get("discussion"):
        out.append(".PP\n.nf\n" + esc(cmd["discussion"]) + "\n.fi")
    for arg in args:
        label = names(arg) or "<" + arg.get("valueName", "value") + ">"
        if arg["kind"] == "option":
            label += " <" + arg.get("valueName", "value") + ">"
        out.append(".TP\n.B " + esc(label) + "\n" + esc(arg.get("abstract", "")))
    for sub in cmd.get("subcommands", []):
        if sub.get("shouldDisplay", True) is False:
            continue
        command(sub, path + [sub["commandName"]], out)


dump = json.load(sys.stdin)["command"]
out = ['.TH EVENTS 1', '.SH NAME', 'events \\- ' + esc(dump.get("abstract", "")),
       '.SH SYNOPSIS', '.B events', '.I subcommand', '[options]']
command(dump, ["events"], out)
print("\n".join(out))
