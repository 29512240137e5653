#!/usr/bin/env bash
# Installs a dated archive of the column (cchc-site-YYYY-MM-DD.tar.gz) on the portal's server,
# next to the versions already there, and switches to it with one atomic rename. Rolling back is
# the same command with the previous archive. See deploy/HUONG-DAN.md (Vietnamese).
#
#   sudo bash deploy/cai-dat.sh cchc-site-2026-11-30.tar.gz [THƯ_MỤC_GỐC]
#
# THƯ_MỤC_GỐC (default /var/www/cai-cach-hanh-chinh) holds:
#   ban/<archive name>.<random>/   one folder per installation, the site's files
#   hien-tai -> ban/...            the symbolic link nginx serves (deploy/nginx/cchc.conf)
# The archive's SHA-256 file (same name + .sha256) must sit beside it: the archive is checked
# before anything is unpacked, the new folder before the switch, and the link is replaced by
# rename(2) (`mv -T`), so a visitor gets the old site or the new one, never a mix.
set -euo pipefail

KEEP=5  # installations kept besides the one being served

fail() { echo "LỖI: $*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] || fail "cách dùng: bash deploy/cai-dat.sh cchc-site-YYYY-MM-DD.tar.gz [THƯ_MỤC_GỐC]"
archive=$1
base=${2:-/var/www/cai-cach-hanh-chinh}
sums="$archive.sha256"
[ -f "$archive" ] || fail "không tìm thấy tệp \"$archive\"."
[ -f "$sums" ] || fail "thiếu tệp \"$sums\" (tải tệp .sha256 cùng với bản lưu rồi chạy lại)."

expected=$(awk 'NR == 1 { print $1 }' "$sums")
actual=$(sha256sum "$archive" | awk '{ print $1 }')
[[ $expected =~ ^[0-9a-f]{64}$ ]] || fail "tệp \"$sums\" không chứa mã SHA-256."
[ "$expected" = "$actual" ] || fail "mã SHA-256 của \"$archive\" không khớp với \"$sums\": tệp bị hỏng hoặc bị thay đổi. Trang web đang chạy được giữ nguyên."

name=$(basename "$archive")
name=${name%.tar.gz}
mkdir -p "$base/ban"
release=$(mktemp -d "$base/ban/$name.XXXXXX")
if ! tar -xzf "$archive" -C "$release" --no-same-owner --no-same-permissions \
    || [ ! -f "$release/index.html" ] || [ ! -f "$release/404.html" ]; then
  rm -rf "$release"
  fail "không giải nén được \"$archive\" thành một trang web (thiếu index.html hoặc 404.html). Trang web đang chạy được giữ nguyên."
fi
# mktemp makes the folder private; the web server only needs to read.
chmod -R u=rwX,go=rX "$release"

previous=$(readlink "$base/hien-tai" 2>/dev/null || true)
ln -sfn "ban/$(basename "$release")" "$base/.hien-tai-moi"
mv -T "$base/.hien-tai-moi" "$base/hien-tai"
echo "Đã chuyển sang $name (thư mục $release)."
[ -n "$previous" ] && echo "Bản trước: $base/$previous"

# Keep the newest installations (and never the one being served); older ones are removed.
current=$(basename "$release")
count=0
while IFS= read -r folder; do
  [ "$(basename "$folder")" = "$current" ] && continue
  count=$((count + 1))
  [ "$count" -le "$KEEP" ] && continue
  rm -rf "$folder"
done < <(ls -1dt "$base/ban"/*/ 2>/dev/null | sed 's:/*$::')
