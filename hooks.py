from odoo.tools import SQL

# Records that scheduled actions and buttons make without an XML id: they
# hold the demo's users, teams, communities and surveys, which uninstalling
# deletes before it drops these tables. They go first.
GENERATED_MODELS = (
    "helpdesk.info.survey.corrective.action",
    "helpdesk.info.visit",
    "helpdesk.info.visit.quota",
    "helpdesk.info.patrol",
)


def uninstall_hook(env):
    for model in GENERATED_MODELS:
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(env[model]._table)))
