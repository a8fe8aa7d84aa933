#!/usr/bin/env bash
# Set-up shared by `make test`, `make run`, `make bench` and `make pot`:
# finds Odoo, builds the virtual environment, starts PostgreSQL and exposes
# the addon under its own name whatever the clone is called.
set -euo pipefail

ADDON=helpdesk_property_info
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo}
VENV=${VENV:-$ROOT/.venv}
BUILD=${BUILD:-$ROOT/.build}
PY=$VENV/bin/python
HELPDESK_MGMT_VERSION=19.0.1.3.2
TIER_VALIDATION_VERSION=19.0.1.4.6
HELPDESK_TYPE_VERSION=19.0.1.1.0.3
# At run time: the pkg_resources of setuptools before 80 (the venv has 65) cannot
# read the metadata of current wheels (gevent's websocket worker stops on it).
RUNTIME_SETUPTOOLS='setuptools>=80,<81'

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

# Where Odoo 19.0 Community comes from when ODOO_PATH holds none.
ODOO_GIT=${ODOO_GIT:-https://github.com/odoo/odoo.git}

is_odoo() { [ -f "$ODOO_PATH/odoo-bin" ] && [ -f "$ODOO_PATH/odoo/release.py" ]; }

# A shallow clone of Odoo's 19.0 branch, into a missing or empty folder only.
fetch_odoo() {
    [ -n "$(ls -A "$ODOO_PATH" 2>/dev/null)" ] && return 1
    command -v git >/dev/null 2>&1 || return 1
    say "no Odoo at '$ODOO_PATH': fetching Odoo 19.0 Community from $ODOO_GIT (a shallow clone of its 19.0 branch)"
    local partial=$ODOO_PATH.partial
    rm -rf "$partial" && mkdir -p "$(dirname "$ODOO_PATH")" || return 1
    if git clone -q --depth 1 --branch 19.0 "$ODOO_GIT" "$partial" 2>"$partial.log"; then
        rm -rf "$partial.log" && rmdir "$ODOO_PATH" 2>/dev/null; mv "$partial" "$ODOO_PATH"
    else
        sed 's/^/    /' "$partial.log" >&2; rm -rf "$partial" "$partial.log"; return 1
    fi
}

check_odoo() {
    is_odoo || fetch_odoo || die "no Odoo 19.0 at '$ODOO_PATH', and none could be fetched from $ODOO_GIT (offline?): put an Odoo 19.0 Community source tree (odoo-bin, odoo/, addons/, requirements.txt) there, or set ODOO_PATH=/path/to/odoo"
    is_odoo || die "the clone of $ODOO_GIT at '$ODOO_PATH' holds no odoo-bin: set ODOO_PATH to an Odoo 19.0 Community source tree"
    grep -q "version_info = (19, 0" "$ODOO_PATH/odoo/release.py" \
        || die "the Odoo tree at '$ODOO_PATH' is not Odoo 19.0 (see $ODOO_PATH/odoo/release.py)"
}

pip_install() {
    "$PY" -m pip install -q --disable-pip-version-check "$@" 2> >(grep -v '^WARNING: Location' >&2)
}

# The virtual environment is rebuilt only when its inputs change.
ensure_venv() {
    check_odoo
    local stamp=$VENV/.harness-stamp
    local want
    want=$( (echo "$HELPDESK_MGMT_VERSION $TIER_VALIDATION_VERSION $HELPDESK_TYPE_VERSION $RUNTIME_SETUPTOOLS"; cat "$ODOO_PATH/requirements.txt" "$ROOT/requirements.txt" "$ROOT/scripts/requirements-test.txt") | sha1sum | cut -c1-40)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$PY" ]; then
        return
    fi
    say "building the virtual environment in $VENV"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    mkdir -p "$BUILD"
    # psycopg2 from its binary wheel; python-ldap only serves the LDAP addon;
    # polib as scripts/requirements-test.txt pins it (see there).
    sed -e 's/^psycopg2==/psycopg2-binary==/' -e '/^python-ldap/d' -e '/^polib==/d' \
        "$ODOO_PATH/requirements.txt" > "$BUILD/requirements-odoo.txt"
    echo 'setuptools<75' > "$BUILD/build-constraints.txt"
    PIP_CONSTRAINT=$BUILD/build-constraints.txt pip_install \
        -r "$BUILD/requirements-odoo.txt" -r "$ROOT/requirements.txt" -r "$ROOT/scripts/requirements-test.txt"
    pip_install "$RUNTIME_SETUPTOOLS"
    # The OCA wheels declare `odoo==19.0.*`, which no registry carries: Odoo is
    # the source tree at ODOO_PATH, put on the path below.
    pip_install --no-deps \
        "odoo-addon-helpdesk_mgmt==$HELPDESK_MGMT_VERSION" \
        "odoo-addon-base_tier_validation==$TIER_VALIDATION_VERSION" \
        "odoo-addon-helpdesk_type==$HELPDESK_TYPE_VERSION"
    echo "$ODOO_PATH" > "$(site_packages)/odoo-path.pth"
    echo "$want" > "$stamp"
}

# Start the local cluster when it is installed and stopped, and make sure the
# current user has a role in it.
ensure_postgres() {
    if pg_isready -q 2>/dev/null; then
        :
    elif command -v pg_lsclusters >/dev/null 2>&1 && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
        local ver name
        read -r ver name _ < <(pg_lsclusters -h | head -n1)
        say "starting PostgreSQL cluster $ver/$name"
        if [ "$(id -u)" = 0 ]; then
            pg_ctlcluster "$ver" "$name" start
        else
            sudo -n pg_ctlcluster "$ver" "$name" start \
                || die "PostgreSQL $ver/$name is stopped; start it: sudo pg_ctlcluster $ver $name start"
        fi
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL $ver/$name did not start"
    else
        die "no PostgreSQL server is running or installed here; install one (Debian: apt-get install postgresql) and run this again"
    fi
    if ! psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || die "PostgreSQL has no role for user '$(whoami)': sudo -u postgres createuser -s $(whoami)"
        say "creating PostgreSQL role $(whoami)"
        su postgres -c "createuser -s $(whoami)"
    fi
}

# Odoo and pytest-odoo know an addon by its folder name, and a clone may be
# named anything: the addon is staged in a folder of its own name. (A symlink
# will not do: pytest names test modules after the resolved path.)
stage_addon() {
    local dest=$BUILD/addons/$ADDON
    rm -rf "$dest" && mkdir -p "$dest"
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
            | xargs -0 -I{} sh -c 'test -e "{}" && printf "%s\0" "{}"' \
            | tar --null -T - -cf -) | tar -xf - -C "$dest"
    else
        (cd "$ROOT" && tar --exclude=./.venv --exclude=./.build -cf - .) | tar -xf - -C "$dest"
    fi
}

site_packages() { "$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'; }

addons_path() {
    echo "$ODOO_PATH/odoo/addons,$ODOO_PATH/addons,$(site_packages)/odoo/addons,$BUILD/addons"
}

odoo() { "$PY" "$ODOO_PATH/odoo-bin" --addons-path="$(addons_path)" "$@"; }

# Debian packages the harness installs when it can (as root, with apt).
apt_install() {  # why package...
    local why=$1; shift
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 0
    say "installing $* $why"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Browser tests are skipped silently by Odoo without Chromium: install it.
ensure_chromium() {
    command -v chromium >/dev/null 2>&1 && return
    apt_install "for the browser tests" chromium
    command -v chromium >/dev/null 2>&1 \
        || die "browser tests need Chromium: install Debian's 'chromium' package (apt-get install chromium)"
}

# PDF reports are rendered by wkhtmltopdf, and their Chinese text needs a CJK
# font: without them Odoo prints reports as HTML, or Chinese as empty boxes.
has_cjk_font() {
    fc-list :lang=zh family 2>/dev/null | grep -qi 'cjk' \
        || compgen -G '/usr/share/fonts/opentype/noto/Noto*CJK*' >/dev/null
}

ensure_pdf_renderer() {
    local missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    has_cjk_font || missing+=(fonts-noto-cjk)
    [ "${#missing[@]}" = 0 ] && return
    apt_install "for the PDF reports" "${missing[@]}"
    command -v wkhtmltopdf >/dev/null 2>&1 && has_cjk_font || die \
"PDF reports need wkhtmltopdf and a CJK font: install Debian's 'wkhtmltopdf' and
'fonts-noto-cjk' packages (apt-get install wkhtmltopdf fonts-noto-cjk)"
}

# README.rst and the Apps page are generated from readme/*.md; pandoc turns
# Markdown into reStructuredText.
ensure_pandoc() {
    command -v pandoc >/dev/null 2>&1 && return
    apt_install "to generate README.rst" pandoc
    command -v pandoc >/dev/null 2>&1 \
        || die "generating README.rst needs pandoc: install Debian's 'pandoc' package (apt-get install pandoc)"
}

prepare() {
    ensure_venv
    ensure_postgres
    stage_addon
}

create_db() {  # name [--without-demo] [extra odoo args...]
    local db=$1 demo=--with-demo; shift
    if [ "${1:-}" = --without-demo ]; then demo=; shift; fi
    dropdb --if-exists "$db"
    say "installing $ADDON into a new database '$db' ${demo:+with demo data}"
    odoo -d "$db" -i "$ADDON" $demo --stop-after-init --log-level=warn "$@"
}

# Runs the suite on a database where the addon is installed; a skipped test
# fails the run as surely as a failed one.
run_pytest() {  # database, pytest args...
    local db=$1; shift
    local log=$BUILD/pytest.log rc=0
    say "running the test suite"
    # An ini of its own, or pytest takes the clone's pyproject.toml for one.
    # The slowest tests are listed: the suite keeps within CI's time.
    printf '[pytest]\n' > "$BUILD/pytest.ini"
    # Counts the tests report (screens tried by role, …), printed after them.
    export HPI_TEST_SUMMARY=$BUILD/test-summary.txt
    : > "$HPI_TEST_SUMMARY"
    (cd "$BUILD/addons" && "$PY" -m pytest -p no:cacheprovider -c "$BUILD/pytest.ini" --rootdir="$BUILD/addons" \
        --odoo-database="$db" --odoo-addons-path="$(addons_path)" --odoo-http \
        -o addopts= -rs --durations=15 "$@") 2>&1 | tee "$log" || rc=$?
    # The counts, then pytest's closing line again: the run ends on it.
    if [ -s "$HPI_TEST_SUMMARY" ]; then
        sed 's/^/==> /' "$HPI_TEST_SUMMARY"
        grep -E '^=+ .*(passed|failed|error)' "$log" | tail -n 1
    fi
    if grep -Eq '^=+ .*[0-9]+ skipped' "$log"; then
        echo "error: tests were skipped (reasons above); a skipped test counts as a failure" >&2
        return 1
    fi
    [ "$rc" != 5 ] || { echo "error: no test was collected" >&2; return 1; }
    return "$rc"
}

# Uninstalling leaves helpdesk_mgmt installed and nothing of the addon behind,
# but the partners and products that invoices and bills still name (the
# demo's exported month, its paid repair): Accounting keeps its entries.
check_uninstall() {  # database
    local db=$1
    say "uninstalling $ADDON from '$db'"
    odoo module uninstall -d "$db" "$ADDON" >/dev/null
    local left
    left=$(psql -d "$db" -Atqc "
        SELECT (SELECT state FROM ir_module_module WHERE name = '$ADDON') || ' ' ||
               (SELECT state FROM ir_module_module WHERE name = 'helpdesk_mgmt') || ' ' ||
               (SELECT count(*) FROM ir_model WHERE model LIKE 'helpdesk.info.%' OR model LIKE 'helpdesk.reception.%') || ' ' ||
               (SELECT count(*) FROM ir_model_fields WHERE model = 'helpdesk.ticket'
                    AND name IN ('info_origin', 'contact_phone', 'importance')) || ' ' ||
               (SELECT count(*) FROM ir_model_data d WHERE d.module = '$ADDON'
                    AND NOT (d.model = 'res.partner' AND EXISTS (
                        SELECT 1 FROM account_move m WHERE d.res_id IN (m.partner_id, m.commercial_partner_id)))
                    AND NOT (d.model IN ('product.product', 'product.template', 'product.category')
                        AND EXISTS (
                        SELECT 1 FROM account_move_line l JOIN product_product p ON p.id = l.product_id
                        JOIN product_template t ON t.id = p.product_tmpl_id
                        WHERE d.res_id = CASE d.model WHEN 'product.product' THEN p.id
                            WHEN 'product.template' THEN t.id ELSE t.categ_id END)))")
    [ "$left" = "uninstalled installed 0 0 0" ] \
        || die "uninstalling $ADDON from '$db' left something behind (state, helpdesk_mgmt, models, fields, xmlids: $left)"
}

# Updating the addon (-u) on a database with its demo data loses nothing:
# the same records of its data files, documents and ticket facts after as before.
upgrade_census() {  # database
    psql -d "$1" -Atqc "
        SELECT string_agg(what || '=' || n, ' ' ORDER BY what) FROM (
            SELECT 'xmlid:' || model AS what, count(*) AS n FROM ir_model_data
             WHERE module = '$ADDON' GROUP BY model
            UNION ALL SELECT 'tickets', count(*) FROM helpdesk_ticket
            UNION ALL SELECT 'tickets with level', count(level_id) FROM helpdesk_ticket
            UNION ALL SELECT 'tickets replied', count(replied_date) FROM helpdesk_ticket
            UNION ALL SELECT 'tickets visited', count(return_visit_date) FROM helpdesk_ticket
            UNION ALL SELECT 'tickets with opinion', count(leader_opinion) FROM helpdesk_ticket
            UNION ALL SELECT 'publications ' || state, count(*) FROM helpdesk_info_publication GROUP BY state
            UNION ALL SELECT 'expenses ' || state, count(*) FROM helpdesk_reception_expense GROUP BY state
            UNION ALL SELECT 'budgets ' || state, count(*) FROM helpdesk_reception_budget GROUP BY state
            UNION ALL SELECT 'campaigns ' || state, count(*) FROM helpdesk_info_survey_campaign GROUP BY state
            UNION ALL SELECT 'reviews ' || status, count(*) FROM tier_review GROUP BY status
            UNION ALL SELECT 'opinions', count(*) FROM helpdesk_info_opinion
        ) census"
}

check_upgrade() {  # database
    local db=$1 before after
    before=$(upgrade_census "$db")
    say "updating $ADDON in '$db'"
    odoo -d "$db" -u "$ADDON" --stop-after-init --log-level=warn
    after=$(upgrade_census "$db")
    [ "$before" = "$after" ] || die "updating $ADDON in '$db' changed its data:
before: $before
after:  $after"
}

# helpdesk_mgmt's own suite runs too, to show it keeps working. One of its tests
# expects a ticket created without a team to stay without one, which the
# standard deliberately changes: new tickets land at Customer Service.
helpdesk_mgmt_tests() {
    local tests
    tests=$(site_packages)/odoo/addons/helpdesk_mgmt/tests
    [ -d "$tests" ] || die "helpdesk_mgmt's tests are missing from $tests"
    # By module name: given as paths, pytest would import every folder above
    # them that has an __init__.py, such as a clone holding the virtual
    # environment. test_js.py imports web's whole HOOT suite: take only
    # helpdesk_mgmt's own.
    local module=odoo.addons.helpdesk_mgmt.tests
    printf '%s\n' --pyargs \
        $(cd "$tests" && ls test_*.py | grep -v '^test_js\.py$' | sed "s/\.py\$//; s/^/$module./") \
        "$module.test_js::TestHelpdesMgmtJs::test_helpdesk_mgmt" \
        "-k" "not (TestHelpdeskTicketTeam and test_dashboard_buttons)"
}

# helpdesk_type's own suite too (its test case extends helpdesk_mgmt's ticket
# tests): none of it needs leaving out, since a team that lists kinds still
# loses the others on the form.
helpdesk_type_tests() {
    local tests
    tests=$(site_packages)/odoo/addons/helpdesk_type/tests
    [ -d "$tests" ] || die "helpdesk_type's tests are missing from $tests"
    local module=odoo.addons.helpdesk_type.tests
    (cd "$tests" && ls test_*.py | sed "s/\.py\$//; s/^/$module./")
}

cmd_test() {
    prepare
    lint_addon
    ensure_chromium
    ensure_pdf_renderer
    local db=${ADDON}_test_$$ bare=${ADDON}_bare_$$
    trap 'dropdb --if-exists "'"$db"'" 2>/dev/null; dropdb --if-exists "'"$bare"'" 2>/dev/null; true' EXIT
    create_db "$bare" --without-demo
    check_uninstall "$bare"
    dropdb "$bare"
    create_db "$db"
    check_upgrade "$db"
    createdb -T "$db" "$bare" && check_uninstall "$bare"
    local -a upstream
    mapfile -t upstream < <(helpdesk_mgmt_tests) && [ "${#upstream[@]}" -gt 3 ] || exit 1
    mapfile -t -O "${#upstream[@]}" upstream < <(helpdesk_type_tests) && [ "${#upstream[@]}" -gt 4 ] || exit 1
    run_pytest "$db" "$ADDON/tests" "${upstream[@]}" "$@"
}

# Development loop: the suite, or the tests named (tests/test_x.py[::Class]),
# on an existing database.
cmd_pytest() {
    prepare
    ensure_pdf_renderer
    local db=$1; shift
    local -a targets=() args=()
    for arg in "$@"; do
        case $arg in tests/*) targets+=("$ADDON/$arg") ;; *) args+=("$arg") ;; esac
    done
    [ "${#targets[@]}" -gt 0 ] || targets=("$ADDON/tests")
    run_pytest "$db" "${targets[@]}" "${args[@]}"
}

cmd_run() {
    prepare
    ensure_pdf_renderer
    local db=${RUN_DB:-$ADDON}
    create_db "$db" --load-language=zh_CN
    psql -d "$db" -qc "UPDATE res_partner SET lang = 'zh_CN', tz = 'Asia/Shanghai'
                       WHERE id = (SELECT partner_id FROM res_users WHERE login = 'admin')"
    say "serving http://localhost:8069 (admin / admin), database '$db'"
    exec "$PY" "$ODOO_PATH/odoo-bin" --addons-path="$(addons_path)" -d "$db" \
        --http-interface=127.0.0.1 --http-port=8069 --db-filter="^$db\$"
}

# Exports the .pot from a fresh database and merges it into the zh_CN
# catalogues, which hold the translations: fails on the terms left to translate.
cmd_pot() {
    prepare
    local db=${ADDON}_pot_$$
    trap 'dropdb --if-exists "'"$db"'" 2>/dev/null || true' EXIT
    create_db "$db"
    odoo i18n export -d "$db" -o "$ROOT/i18n/$ADDON.pot" "$ADDON"
    "$PY" "$ROOT/scripts/merge_po.py"
}

# whool names the addon after the folder it builds in, and lists its files with
# git when it is inside a work tree: build from a staged copy outside of one.
cmd_wheel() {
    ensure_venv
    stage_addon
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "'"$tmp"'"' EXIT
    cp -r "$BUILD/addons/$ADDON" "$tmp/$ADDON"
    mkdir -p "$ROOT/dist"
    WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none "$PY" -m pip wheel -q --disable-pip-version-check \
        --no-deps --no-build-isolation -w "$ROOT/dist" "$tmp/$ADDON" \
        2> >(grep -v '^WARNING: Location' >&2)
    ls "$ROOT"/dist/odoo_addon_${ADDON}-*.whl
}

# README.rst and static/description/index.html from readme/*.md.
cmd_readme() {
    ensure_venv
    ensure_pandoc
    "$PY" "$ROOT/scripts/gen_readme.py" "$@"
}

# The lint gate: OCA's pre-commit checks, reporting without fixing. ruff with
# OCA's settings (.ruff.toml), pylint with pylint-odoo's Odoo checks
# (.pylintrc), and the manifest, XML, CSV and PO checks of
# oca-odoo-pre-commit-hooks (with OCA's options), on the staged addon. Every
# tool runs, then the gate fails when any of them found something. ruff and
# pylint check the paths named (from the addon's root), or the whole addon.
lint_addon() {  # [path...]
    local bin=$VENV/bin dir=$BUILD/addons/$ADDON
    local -a paths=("$@") py=() po=() failed=()
    [ "${#paths[@]}" -gt 0 ] || paths=(.)
    for path in "${paths[@]}"; do
        [ -e "$dir/$path" ] || die "lint: no '$path' in the addon"
        py+=("$ADDON/$path")
    done
    mapfile -t po < <(cd "$BUILD/addons" && ls "$ADDON"/i18n/*.po "$ADDON"/i18n/*.pot "$ADDON"/i18n_extra/*.po 2>/dev/null)
    say "lint: ruff check, ruff format --check"
    (cd "$dir" && "$bin/ruff" check --no-fix --no-cache --quiet --output-format=concise "${paths[@]}") || failed+=("ruff check")
    (cd "$dir" && "$bin/ruff" format --check --no-cache --quiet "${paths[@]}") || failed+=("ruff format")
    say "lint: pylint with pylint-odoo"
    (cd "$BUILD/addons" && "$bin/pylint" --rcfile="$ADDON/.pylintrc" "${py[@]}") || failed+=(pylint)
    # On the staged copy: given a clone's root, which is the addon,
    # oca-checks-odoo-module looks for the module above the repository and
    # checks nothing. README.md is the repository's page for developers; the
    # addon's README.rst is generated beside it.
    say "lint: oca-checks-odoo-module, oca-checks-po"
    (cd "$BUILD/addons" && "$bin/oca-checks-odoo-module" --disable=prefer-readme-rst "$ADDON") || failed+=(oca-checks-odoo-module)
    (cd "$BUILD/addons" && "$bin/oca-checks-po" --disable=po-pretty-format "${po[@]}") || failed+=(oca-checks-po)
    [ "${#failed[@]}" = 0 ] || die "lint: findings above, from $(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')"
    say "lint: no finding"
}

cmd_lint() {
    ensure_venv
    stage_addon
    lint_addon "$@"
}

cmd_shell() { prepare; odoo "$@"; }

case "${1:-}" in
    lib) ;;  # sourced by bench/run.sh for its functions
    odoo-path) check_odoo; echo "$ODOO_PATH" ;;
    test) shift; cmd_test "$@" ;;
    pytest) shift; cmd_pytest "$@" ;;
    lint) shift; cmd_lint "$@" ;;
    run) shift; cmd_run "$@" ;;
    pot) shift; cmd_pot "$@" ;;
    venv) ensure_venv ;;
    wheel) cmd_wheel ;;
    readme) shift; cmd_readme "$@" ;;
    odoo) shift; cmd_shell "$@" ;;
    *) die "usage: $0 test|pytest DB|lint [path...]|run|pot|readme|wheel|venv|odoo-path|odoo [args]" ;;
esac
