#!/usr/bin/env bash
# ./portal illustrations: the contact sheet of every built-in exercise's two frames, to look at them.
# Writes to .data/illustrations/: <slug>.svg per exercise, page-N.svg/png (10 exercises a page), contact-sheet.png
# (all of them), contact-sheet.pdf (the pages as a PDF page set) and svg-sizes.tsv. Prints every failed physical check.
set -euo pipefail
REPO="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
OUT="${1:-$REPO/.data/illustrations}"
PER_PAGE="${ILLUSTRATIONS_PER_PAGE:-10}"

if ! command -v rsvg-convert >/dev/null 2>&1; then
  if [[ $EUID -eq 0 ]]; then
    echo "Installing Debian's librsvg2-bin (rsvg-convert) to rasterise the sheet"
    apt-get -o DPkg::Lock::Timeout=300 install -y librsvg2-bin >/dev/null 2>&1 ||
      { apt-get -o DPkg::Lock::Timeout=300 update >/dev/null 2>&1 && apt-get -o DPkg::Lock::Timeout=300 install -y librsvg2-bin >/dev/null 2>&1; } ||
      { echo "portal: could not install librsvg2-bin" >&2; exit 1; }
  else
    echo "portal: the contact sheet needs rsvg-convert: sudo apt-get install -y librsvg2-bin" >&2
    exit 1
  fi
fi

rm -rf "$OUT"
mkdir -p "$OUT"
dotnet build tools/PhysioPortal.Illustrations -c Release -v quiet -nologo >"$OUT/build.log" 2>&1 ||
  { tail -n 30 "$OUT/build.log" >&2; exit 1; }
dotnet tools/PhysioPortal.Illustrations/bin/Release/net10.0/PhysioPortal.Illustrations.dll "$OUT" "$PER_PAGE"

pages=()
for svg in "$OUT"/page-*.svg; do pages+=("$svg"); done
IFS=$'\n' pages=($(printf '%s\n' "${pages[@]}" | sort -V)); unset IFS
for svg in "${pages[@]}"; do rsvg-convert -w 1400 "$svg" -o "${svg%.svg}.png"; done
rsvg-convert -w 1400 "$OUT/contact-sheet.svg" -o "$OUT/contact-sheet.png"
rsvg-convert -f pdf "${pages[@]}" -o "$OUT/contact-sheet.pdf"
echo "Contact sheet: $OUT/contact-sheet.png (all), $OUT/page-1.png … (${#pages[@]} pages), $OUT/contact-sheet.pdf"
