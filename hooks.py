from odoo.tools import SQL

# Records that scheduled actions, buttons and wizards make without an XML
# id: they hold the demo's users, teams, communities and surveys, which
# uninstalling deletes before it drops these tables. They go first.
GENERATED_MODELS = (
    "helpdesk.info.posting.plan",
    "helpdesk.info.fee.statement",
    "helpdesk.info.archive.loan",
    "helpdesk.info.unit.transfer",
    "helpdesk.info.unit.decoration.inspection",
    "helpdesk.info.unit.decoration",
    "helpdesk.info.unit.registration",
    "helpdesk.info.personal.data.log",
    "helpdesk.info.parcel",
    "helpdesk.info.incident.notification",
    "helpdesk.info.incident.step",
    "helpdesk.info.incident",
    "helpdesk.info.survey.corrective.action",
    "helpdesk.info.visit",
    "helpdesk.info.visit.quota",
    "helpdesk.info.patrol",
    "helpdesk.info.duty.handover",
    "helpdesk.info.duty.swap",
    "helpdesk.info.duty.shift",
    # Move-ins, rentals and transfers start occupancies of the demo's owners.
    "helpdesk.info.unit.occupancy",
)


def uninstall_hook(env):
    for model in GENERATED_MODELS:
        env.cr.execute(SQL("DELETE FROM %s", SQL.identifier(env[model]._table)))
