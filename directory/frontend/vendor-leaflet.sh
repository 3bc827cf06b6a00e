#!/bin/sh
# Copy Leaflet's built files from npm into the directory's static files.
# Run after `npm ci` in this folder (or `make vendor-assets`). The copied files are committed,
# so a fresh machine with only Python serves the map without npm or a CDN.
set -eu
cd "$(dirname "$0")"
src=node_modules/leaflet/dist
dest=../static/directory/vendor/leaflet
test -f "$src/leaflet.js" || { echo "leaflet is not installed: run 'npm ci' in $(pwd)" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/images"
cp "$src/leaflet.js" "$src/leaflet.js.map" "$src/leaflet.css" "$dest/"
cp "$src"/images/*.png "$dest/images/"
cp node_modules/leaflet/LICENSE "$dest/LICENSE"
node -e 'console.log(require("./node_modules/leaflet/package.json").version)' > "$dest/VERSION"
echo "Leaflet $(cat "$dest/VERSION") copied to $dest"
