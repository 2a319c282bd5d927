"""Rewrites a site's translation files as a translation platform writes them back.

    python rewrite.py MODE SITE SOURCE_TAG

Every `locales/<tag>/**/*.ftl` but the source locale's is rewritten in place:

- `fluent-syntax`: parsed and serialized by python-fluent's fluent.syntax (what tools
  built on it, Pontoon's among them, write for a file they parse);
- `pontoon`: as Pontoon's sync writes a locale's file (pontoon/sync/core/
  translations_to_repo.py, over moz.l10n): the *reference* file is parsed, each message
  it has takes the translation's value (and those of its attributes the reference also
  has), messages without a translation are dropped, and the result is serialized, so
  every comment in the written file is the reference's;
- `weblate`: as Weblate saves a Fluent file through translate-toolkit's Fluent storage:
  parsed into units, each translated unit's target set, serialized.

Prints one line per file written. Exits 2 when a module is missing (pip install -r
.ci/requirements.txt).
"""

import pathlib
import sys


def files(site, source):
    for path in sorted((site / "locales").rglob("*.ftl")):
        if path.relative_to(site / "locales").parts[0] != source:
            yield path


def fluent_syntax(text, _reference):
    from fluent.syntax import parse, serialize

    return serialize(parse(text), with_junk=True)


def pontoon(text, reference):
    from moz.l10n.formats import Format
    from moz.l10n.model import Entry
    from moz.l10n.resource import parse_resource, serialize_resource

    if reference is None:
        return None
    res = parse_resource(Format.fluent, reference)
    translated = {
        entry.id: entry
        for section in parse_resource(Format.fluent, text).sections
        for entry in section.entries
        if isinstance(entry, Entry)
    }
    for section in res.sections:
        kept = []
        for entry in section.entries:
            if not isinstance(entry, Entry):
                kept.append(entry)
                continue
            tr = translated.get(entry.id)
            if tr is None:
                continue
            entry.value = tr.value
            entry.properties = {
                name: value
                for name, value in tr.properties.items()
                if name in entry.properties
            }
            kept.append(entry)
        section.entries = kept
    res.sections = [
        s for s in res.sections if any(isinstance(e, Entry) for e in s.entries)
    ]
    return "".join(serialize_resource(res))


def weblate(text, _reference):
    from translate.storage.fluent import FluentFile

    store = FluentFile()
    store.parse(text.encode("utf-8"))
    for unit in store.units:
        if unit.getid() and unit.target is not None:
            unit.target = unit.target
    return bytes(store).decode("utf-8")


def main():
    mode, site, source = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    rewrite = {"fluent-syntax": fluent_syntax, "pontoon": pontoon, "weblate": weblate}[mode]
    try:
        rewrite("a = b\n", "a = b\n")
    except ImportError as e:
        print(f"missing Python module: {e.name}", file=sys.stderr)
        sys.exit(2)
    for path in files(site, source):
        rel = path.relative_to(site / "locales")
        ref = site / "locales" / source / pathlib.Path(*rel.parts[1:])
        reference = ref.read_text(encoding="utf-8") if ref.is_file() else None
        out = rewrite(path.read_text(encoding="utf-8"), reference)
        if out is not None:
            path.write_text(out, encoding="utf-8")
            print(f"{mode}: {rel}")


if __name__ == "__main__":
    main()
