#!/bin/bash
# Imports every language of the CNCF glossary (../shared/corpora/cncf-glossary, a real
# Hugo site with its git history; CC BY 4.0, Cloud Native Computing Foundation and its
# contributors) into a fluentpress site made from its English pages, and prints each
# language's import total line. Not part of the test suite: a measurement for the
# README ("How `import` aligns"). Needs git-filter-repo (`pip install git-filter-repo`).
#
#   bash tests/corpus/cncf-import.sh [BUNDLE] [--git-history]
#
# FLUENTPRESS=/path/to/another/fluentpress measures another build side by side.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
bundle=${1:-$here/../shared/corpora/cncf-glossary/cncf-glossary.bundle}
history=${2:-}
bin=${FLUENTPRESS:-$here/target/release/fluentpress}
[ -n "${FLUENTPRESS:-}" ] || (cd "$here" && cargo build --release -q)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$bundle" "$work/site" 2>/dev/null
cd "$work/site"
langs="bn de es fr hi it ja ko pt-br ru tr ur vi zh-cn zh-tw"
# English pages become the site's content/, each language's files tr/<lang>/, with
# their whole history.
args=(--path-rename content/en/:content/)
for l in $langs; do args+=(--path-rename "content/$l/:tr/$l/"); done
git filter-repo --force "${args[@]}" >/dev/null 2>&1
# What a migration would add: no Hugo templates as pages, a description per page.
find content -name '_*.md' -delete
mkdir -p locales/en
cp "$here/locales/en/site.ftl" locales/en/
printf 'base_url = "https://glossary.cncf.io/"\n' > fluentpress.toml
for f in content/*.md; do
  python3 - "$f" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
m = re.search(r'^[Tt]itle:\s*(.*)$', text, re.M)
if m and '\ndescription:' not in text:
    title = m.group(1).strip().strip('"').strip("'").replace('"', '')
    text = text.replace(m.group(0), f'title: "{title}"\ndescription: "{title} (Cloud Native Glossary)"', 1)
    open(path, 'w').write(text)
PY
done
"$bin" extract -q 2>/dev/null || true
for l in $langs; do
  case $l in pt-br) tag=pt-BR;; zh-cn) tag=zh-Hans;; zh-tw) tag=zh-Hant;; *) tag=$l;; esac
  printf '%-8s ' "$tag"
  "$bin" import --locale "$tag" "tr/$l" $history 2>/dev/null | tail -1
done
