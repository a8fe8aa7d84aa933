from odoo.tests import new_test_user

from .common import PropertyInfoCase


class PublicationCase(PropertyInfoCase):
    """A second leader, and publications written by Customer Service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Publication = cls.env["helpdesk.info.publication"]
        cls.leader_2 = new_test_user(
            cls.env,
            login="hpi_leader_2",
            groups="helpdesk_property_info.group_company_leader",
            company_id=cls.company.id,
        )
        cls.leader_tier = cls.env.ref(
            "helpdesk_property_info.tier_definition_publication_leader"
        )

    def publication(self, user=None, **overrides):
        vals = {
            "name": "Notice: water supply interrupted on Saturday",
            "kind": "outward",
            "content": "<p>Water supply stops from 9:00 to 12:00.</p>",
            "target": "Community notice board",
        }
        vals.update(overrides)
        return self.Publication.with_user(user or self.agent).create(vals)

    def approve(self, publication, user=None):
        publication.with_user(user or self.leader).validate_tier()
        publication.invalidate_recordset()

    def reject(self, publication, reason, user=None):
        user = user or self.leader
        action = publication.with_user(user).reject_tier()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": reason})
        )
        wizard.add_comment()
        publication.invalidate_recordset()
