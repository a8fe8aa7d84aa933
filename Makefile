# ODOO_PATH: an Odoo 19.0 Community source tree (default /opt/odoo).
ODOO_PATH ?= /opt/odoo
export ODOO_PATH

.PHONY: test lint run pot readme venv wheel bench

test:  ## install the addon into a fresh database and run the whole suite
	@bash scripts/harness.sh test

lint:  ## OCA's pre-commit checks, without fixing: ruff, pylint-odoo, the manifest, XML and PO checks (make test runs them first)
	@bash scripts/harness.sh lint

run:  ## Odoo with the addon, demo data and Simplified Chinese at http://localhost:8069
	@bash scripts/harness.sh run

pot:  ## export i18n/helpdesk_property_info.pot from Odoo and merge it into the zh_CN catalogues
	@bash scripts/harness.sh pot

readme:  ## README.rst and the Apps page (static/description/index.html) from readme/*.md
	@bash scripts/harness.sh readme

venv:
	@bash scripts/harness.sh venv

wheel:  ## build dist/odoo_addon_helpdesk_property_info-*.whl with whool
	@bash scripts/harness.sh wheel

bench:  ## ticket creation against plain helpdesk_mgmt, the deadline watcher, the report figures, the load test, the anonymisation job, visits and patrols
	@bash bench/run.sh
