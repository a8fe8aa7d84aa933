from odoo import fields, models


class HelpdeskInfoArchiveKind(models.Model):
    """What a dossier holds (seed 001 §12 档案资料管理): service contracts,
    owners' files, correspondence, rules, the standard's forms …, each kept
    for a number of years once its dossier is closed. Owners' files hold
    personal data: reading one is approved by the archive keeper and logged."""

    _name = "helpdesk.info.archive.kind"
    _description = "Dossier Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code, the prefix of the dossiers' references.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    retention_years = fields.Integer(
        string="Retention (Years)",
        default=10,
        required=True,
        help="Years a closed dossier of this kind is kept before it may be "
        "destroyed; 0 keeps it for good.",
    )
    personal_data = fields.Boolean(
        string="Owners' Personal Data",
        help="Its dossiers are owners' files: reading one is approved by the "
        "archive keeper and logged, and their documents are read only by the "
        "keeper, the Customer Service manager and whoever borrows them.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the kind between the companies.",
    )
    description = fields.Text()

    _retention_positive = models.Constraint(
        "CHECK(retention_years >= 0)",
        "A retention period is a number of years, 0 or more.",
    )
