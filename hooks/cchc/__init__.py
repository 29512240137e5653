"""The pure core of the CCHC column: content files in, validated domain objects out.

Nothing in this package imports MkDocs; `hooks/cchc_site.py` is the only adapter (with its
serve-only preview cache, `hooks/cchc_preview.py`, beside it; this package imports neither).

Module map: one package per feature, its model (loader) and its pages side by side, over a
shared base.

- `base/`      what every feature reads: errors, codes with labels (`codes`), YAML with line
               numbers (`yamlsource`), text folding and slugs, dates on Vietnam's calendar,
               Vietnamese numbers, docs-path links and the Markdown links of hand-written pages
               (`doclinks`), generated pages and the Jinja environment of our templates
               (`render`), the school's identity (`identity`, from `docs/don-vi.yaml`), the
               refusal of symbolic links (`symlinks`), one escaping helper per output context
               (`escape`), the allow-list sanitiser of rendered pages (`sanitize`), zip files
               with fixed dates (`zips`) and the generated files a process has made, by their
               inputs (`made`).
- `plan/`      the yearly reform plan: `model` (loader, `Plan`/`Area`/`Task`), `indicators`
               (the plan file's `chi_so`), `pages` (the plan pages and the plans index).
- `progress/`  each task's state on the as-of date: `model` (computation and checks), `pages`
               (the progress page and its open data), `charts` (inline SVG).
- `reports/`   progress reported apart from the signed plan: `layout` (where the files are),
               `entries` (dated entries and narratives, the plan as reported on any day),
               `document` (the quarterly and yearly report as plain values, Nghị định 30/2020),
               `word` (its .docx), `pages` (the Báo cáo list and each report's page).
- `articles/`  articles and model practices: `model` (front matter loader), `quarters` (the
               quarterly quota of task 1.11), `pages` (list pages, headers, home block),
               `feed` (RSS).
- `feedback/`  the parents' pages: `model` (channels, published Q&A), `workdays` (answer
               times in working days), `privacy` (personal data guard), `pages`.
- `site/`      the whole site: `addresses` (the one owner of every generated page's and file's
               address, and of the list of what a build generates), `sitepaths` (every path
               a link may point to), `assembly` (the build's pages, files, nav sections, draft
               rule, as pure functions), `social` (share cards), `publish` (staging and the one-rename switch), `mkdocs_config`
               (mkdocs.yml checked without running it), `editor` (the content editor's settings),
               `search_languages` (which of the theme's search language files a page can load).
- `content`    reads and validates every content file once (`load_content`): the build's
               `on_config` and the staff command both start here.
- `cli`        the staff commands `cchc-bai-moi` and `cchc-kiem-tra`.

Imports point one way, up this ladder: `base`; the feature models (`model.py` and the helpers
beside it); `site.addresses`; `site.sitepaths`; `content`; the feature pages (`pages.py`,
`articles.feed`); `site.assembly`, which reads them all. `tests/test_layout.py` checks there is
no cycle, no engine import, and no feature reading another feature's pages.

The school's identity and the template environment live in `base/`, not `site/`: every feature
reads them and they read nothing above `base/`.
"""
