#!/usr/bin/env bash
# Packs a built site into a dated archive and a SHA-256 file beside it, for portals that host the
# column themselves (deploy/cai-dat.sh installs it). Used by .github/workflows/xuat-ban.yml.
#
#   bash deploy/dong-goi.sh SITE_DIR OUT_DIR YYYY-MM-DD
#
# Writes OUT_DIR/cchc-site-YYYY-MM-DD.tar.gz (the site's files at the archive's top level) and
# OUT_DIR/cchc-site-YYYY-MM-DD.tar.gz.sha256 (`sha256sum` format). The archive is reproducible:
# names sorted, owner 0, every time stamp noon of that day in Vietnam, gzip without a name or time.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "Cách dùng: bash deploy/dong-goi.sh THƯ_MỤC_TRANG_WEB THƯ_MỤC_KẾT_QUẢ YYYY-MM-DD" >&2
  exit 2
fi
site=$1 out=$2 day=$3
if ! [[ $day =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || ! epoch=$(date -d "$day 12:00 +0700" +%s 2>/dev/null); then
  echo "Ngày \"$day\" không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2026-11-30." >&2
  exit 2
fi
if [ ! -f "$site/index.html" ] || [ ! -f "$site/404.html" ]; then
  echo "Thư mục \"$site\" không phải một trang web đã tạo (thiếu index.html hoặc 404.html)." >&2
  exit 2
fi

name="cchc-site-$day.tar.gz"
mkdir -p "$out"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" --format=gnu \
  -C "$site" -cf - . | gzip -n -9 > "$out/$name"
(cd "$out" && sha256sum "$name" > "$name.sha256")
echo "$out/$name"
