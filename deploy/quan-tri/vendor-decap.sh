#!/usr/bin/env bash
# Vendors the pinned Decap CMS build into docs/quan-tri/decap/: fetches the package's tarball
# through npm, refuses it unless its integrity is the one in decap.lock, copies the browser
# bundle (main script, lazily loaded chunks, WebAssembly, licences; no source maps), and
# records each file's SHA-256 in decap.sha256, which the tests check against the tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lock_value() { sed -n "s/^$1=//p" "$here/decap.lock"; }
package=$(lock_value package)
version=$(lock_value version)
integrity=$(lock_value integrity)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package@$version" >/dev/null)
tarball="$work/$package-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "integrity mismatch for $package@$version: expected $integrity, got $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"

target="$root/docs/quan-tri/decap"
rm -rf "$target"
mkdir -p "$target"
cd "$work/package/dist"
cp decap-cms.js ./*.decap-cms.js ./*.wasm "$target/"
# The site's addresses are lower case (a test keeps them so).
cp decap-cms.js.LICENSE.txt "$target/decap-cms.js.license.txt"
cp "$work/package/package.json" "$target/package.json"
cd "$target"
LC_ALL=C sha256sum -- * | LC_ALL=C sort -k2 > "$here/decap.sha256"
echo "vendored $package@$version: $(ls | wc -l) files, $(du -sh . | cut -f1)"
