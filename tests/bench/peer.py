#!/usr/bin/env python3
# The peer of `statusgen generate` in the generator bench: the same job done
# the way most teams would, with PyYAML and Jinja2.
#
#   tests/bench/peer.py [-t JINJA_DIR] [-o OUTDIR] DATA
#
# Loads the status table with yaml.safe_load, checks what a careful script
# would (required keys and their types, one class per digit, codes, idents
# and phrases unique), derives the same context as statusgen (classes and
# statuses in order, C identifiers, phrase_lengths) and renders
# tests/bench/jinja/*.jinja (the shipped Mustache templates in Jinja2,
# with every {{ }} escaped for its output as Mustache does) into OUTDIR.
# Exits 2 with a message on a bad table. It stands in for statusgen only
# as far as the bench needs: no positions in messages, no atomic writes.
import os
import sys

import jinja2
import yaml

FLAGS = ("cacheable", "redirect", "empty_body", "retryable")
REGISTRIES = ("standard", "temporary", "deprecated", "obsolete", "reserved",
              "unofficial")
STATUS_KEYS = {"code", "reason", "description", "reference", "see_also",
               "registry", "registry_name", "expires", "origin", "aliases",
               "ident"} | set(FLAGS)


class Raw(str):
    """Text a filter has escaped already: the finalizer leaves it alone."""


def esc_html(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


C_ESC = {"\\": "\\\\", '"': '\\"', "'": "\\'", "\a": "\\a", "\b": "\\b",
         "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}


def esc_c(s):
    b = s.encode("utf-8")
    out = []
    for i, c in enumerate(b):
        ch = chr(c)
        if ch in C_ESC:
            out.append(C_ESC[ch])
        elif ch == "?":
            out.append("\\?" if i == 0 or b[i - 1] == 0x3f else "?")
        elif ch == "/":
            star = (i == 0 or i + 1 == len(b) or b[i - 1] == 0x2a or
                    b[i + 1] == 0x2a)
            out.append("\\057" if star else "/")
        elif c < 0x20 or c >= 0x7f:
            out.append("\\%03o" % c)
        else:
            out.append(ch)
    return "".join(out)


def esc_md(s):
    out = []
    for ch in s:
        if ch == "\n":
            out.append("<br>")
        elif ch == "\r":
            pass
        elif ch in "|\\`*_[]<>~&!$":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def esc_json(s):
    out = []
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                        "\t": "\\t"}[ch])
        elif ch in "\u2028\u2029":
            out.append("\\u%04x" % c)
        elif c < 0x20 or c == 0x7f:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    return "".join(out)


ESCAPERS = {".h": esc_c, ".c": esc_c, ".md": esc_md, ".json": esc_json,
            ".html": esc_html}


def c_ident(s):
    out, gap = [], False
    for ch in s.replace("\u2019", "").replace("'", ""):
        if not (ch.isascii() and ch.isalnum()):
            gap = True
            continue
        if not out and ch.isdigit():
            out.append("_")
        elif out and gap:
            out.append("_")
        out.append(ch.upper())
        gap = False
    return "".join(out)


def text(v):
    """Mustache's view of a scalar."""
    if v is None:
        return ""
    if v is True or v is False:
        return "true" if v else "false"
    return str(v)


def fail(msg):
    sys.exit("peer.py: error: " + msg)


def want(d, key, kind, where):
    v = d.get(key)
    if not isinstance(v, kind) or isinstance(v, bool) != (kind is bool):
        fail("%s: '%s' must be %s" % (where, key, kind.__name__))
    return v


def build(doc, source):
    if not isinstance(doc, dict):
        fail("the table must be a mapping")
    classes, seen = [], {}
    for k in want(doc, "classes", list, "the table"):
        num = want(k, "class", int, "a class")
        if not 1 <= num <= 5 or num in seen:
            fail("class %d: out of range or twice" % num)
        seen[num] = k
        classes.append({"class": num, "name": want(k, "name", str, "a class"),
                        "summary": want(k, "summary", str, "a class"),
                        "ident": k.get("ident") or c_ident(k["name"]),
                        "statuses": []})
    classes.sort(key=lambda c: c["class"])
    bynum = {c["class"]: c for c in classes}
    statuses = []
    for index, s in enumerate(want(doc, "statuses", list, "the table")):
        code = want(s, "code", int, "a status")
        where = "status %d" % code
        unknown = [k for k in s if k not in STATUS_KEYS and
                   not k.startswith("x-")]
        if unknown or not 100 <= code <= 599 or code // 100 not in bynum:
            fail("%s: unknown key, or code out of range" % where)
        st = {"code": code, "index": index}
        for key in ("reason", "description", "reference", "registry"):
            st[key] = want(s, key, str, where)
        if st["registry"] not in REGISTRIES:
            fail("%s: bad registry" % where)
        if ("origin" in s) != (st["registry"] == "unofficial"):
            fail("%s: origin if and only if unofficial" % where)
        st["origin"] = s.get("origin", "")
        st["aliases"] = s.get("aliases", [])
        if not all(isinstance(a, str) for a in st["aliases"]):
            fail("%s: aliases must be strings" % where)
        for f in FLAGS:
            st[f] = s.get(f, False)
            if st[f] is not True and st[f] is not False:
                fail("%s: %s must be true or false" % (where, f))
        for r in REGISTRIES:
            st[r] = st["registry"] == r
        st["ident"] = s.get("ident") or c_ident(st["reason"])
        if not st["ident"] or st["ident"][0] == "_":
            fail("%s: no C identifier" % where)
        k = bynum[code // 100]
        st["class"], st["class_name"] = k["class"], k["name"]
        st.update((key, v) for key, v in s.items() if key.startswith("x-"))
        statuses.append(st)
    statuses.sort(key=lambda s: (s["code"], s["index"]))
    for a, b in zip(statuses, statuses[1:]):
        if a["code"] == b["code"]:
            fail("duplicate code %d" % a["code"])
    if len({s["ident"] for s in statuses}) != len(statuses):
        fail("two statuses have the same C identifier")
    phrases = []
    for s in statuses:
        for p in [s["reason"]] + list(s["aliases"]):
            up = "".join(ch.upper() if "a" <= ch <= "z" else ch for ch in p)
            phrases.append({"phrase": p, "upper": up, "code": s["code"],
                            "ident": s["ident"],
                            "key": (len(p.encode()), up.encode(),
                                    s["index"])})
    # sorted() is stable: a reason stays before its aliases, in order.
    phrases.sort(key=lambda p: p["key"])
    for a, b in zip(phrases, phrases[1:]):
        if a["key"][:2] == b["key"][:2]:
            fail('"%s" is used twice' % b["phrase"])
    groups = []
    for p in phrases:
        if not groups or groups[-1]["length"] != p["key"][0]:
            groups.append({"length": p["key"][0], "phrases": []})
        groups[-1]["phrases"].append(p)
    for k in classes:
        k["statuses"] = [s for s in statuses if s["class"] == k["class"]]
        k["count"] = len(k["statuses"])
    ctx = {"generator": "statusgen", "source": source,
           "count": len(statuses), "classes": classes,
           "statuses": statuses, "phrase_lengths": groups}
    ctx.update((k, v) for k, v in doc.items() if k.startswith("x-"))
    return ctx


def main():
    args, tdir, outdir = sys.argv[1:], os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "jinja"), "."
    while len(args) > 1 and args[0] in ("-t", "-o"):
        if args[0] == "-t":
            tdir = args[1]
        else:
            outdir = args[1]
        args = args[2:]
    if len(args) != 1:
        sys.exit("usage: peer.py [-t JINJA_DIR] [-o OUTDIR] DATA")
    with open(args[0], encoding="utf-8") as fp:
        ctx = build(yaml.safe_load(fp), args[0])
    os.makedirs(outdir, exist_ok=True)
    for name in sorted(os.listdir(tdir)):
        if name.startswith("_") or not name.endswith(".jinja"):
            continue
        out = name[:-len(".jinja")]
        escape = ESCAPERS.get(os.path.splitext(out)[1], str)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(tdir), trim_blocks=True,
            lstrip_blocks=True, keep_trailing_newline=True,
            finalize=lambda v, e=escape: v if isinstance(v, Raw) else
            e(text(v)))
        env.filters["html"] = lambda v: Raw(esc_html(text(v)))
        with open(os.path.join(outdir, out), "w", encoding="utf-8",
                  newline="\n") as fp:
            fp.write(env.get_template(name).render(ctx))


if __name__ == "__main__":
    main()
