from odoo import fields

from .common import PropertyInfoCase


def published_notice(community, **vals):
    """A notice to ``community``'s owners, published (written as the
    superuser: the approval of notices is tested on its own)."""
    return (
        community.env["helpdesk.info.publication"]
        .sudo()
        .create(
            {
                "name": "Notice: owners' satisfaction survey",
                "kind": "notice",
                "content": "<p>Questionnaires are handed out next week.</p>",
                "community_id": community.id,
                "company_id": community.company_id.id,
                "state": "published",
                "published_date": fields.Datetime.now(),
                **vals,
            }
        )
    )


class SurveyCase(PropertyInfoCase):
    """A community of ten owners, the shipped questionnaire, a campaign for
    the first half of 2026, and a way to answer it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("helpdesk_property_info.survey_owner_satisfaction")
        cls.owners = cls.env["res.partner"].create(
            [
                {
                    "name": f"Owner {n}",
                    "email": f"owner{n}@example.com" if n % 2 else False,
                }
                for n in range(10)
            ]
        )
        cls.community = cls.env["helpdesk.info.community"].create(
            {
                "name": "Xianghe Garden",
                "owner_ids": [(6, 0, cls.owners.ids)],
                "team_id": cls.cs_team.id,
            }
        )
        cls.Campaign = cls.env["helpdesk.info.survey.campaign"]
        cls.q_cleaning = cls.env.ref("helpdesk_property_info.survey_question_cleaning")
        cls.q_repairs = cls.env.ref("helpdesk_property_info.survey_question_repairs")
        cls.q_overall = cls.env.ref("helpdesk_property_info.survey_question_overall")
        cls.property_branch = cls.env.ref("helpdesk_property_info.team_property_branch")
        cls.service_center = cls.env.ref(
            "helpdesk_property_info.team_property_service_center"
        )

    def campaign(self, **vals):
        """A campaign whose notice to the owners is published, and whose
        manager has explained in advance why it may close below its goals."""
        return self.Campaign.create(
            {
                "community_id": self.community.id,
                "year": 2026,
                "half": "first",
                "pre_notice_id": published_notice(self.community).id,
                "shortfall_reason": "Many owners away for the holidays.",
                **vals,
            }
        )

    def open_campaign(self, owners=None, **vals):
        campaign = self.campaign(**vals)
        campaign.action_open()
        campaign._distribute(owners if owners is not None else self.owners)
        return campaign

    def answer(self, campaign, owner, scores, comments=None):
        """Fill in and hand back ``owner``'s questionnaire: ``scores`` maps a
        question to a satisfaction score (5 very satisfied … 1 very dissatisfied)."""
        comments = comments or {}
        user_input = campaign.sudo().user_input_ids.filtered(
            lambda i: i.partner_id == owner
        )
        for question, score in scores.items():
            answer = question.suggested_answer_ids.filtered(
                lambda a, score=score: a.satisfaction_score == score
            )
            user_input._save_lines(question, answer.id, comment=comments.get(question))
        user_input._mark_done()
        return user_input
