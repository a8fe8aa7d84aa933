from datetime import datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time

from .publication_common import PublicationCase

# The water is cut at 09:00 in Shanghai on 10 March: its notice is approved
# and posted by 09:00 on the 9th (01:00 UTC).
OUTAGE_START = datetime(2026, 3, 10, 1, 0)
LATEST_POSTING = datetime(2026, 3, 9, 1, 0)


class NoticeCase(PublicationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.community = cls.env["helpdesk.info.community"].create(
            {"name": "Xianghe Garden", "team_id": cls.cs_team.id}
        )
        cls.building = cls.env["helpdesk.info.building"].create(
            {"name": "Building 1", "code": "1", "community_id": cls.community.id}
        )
        cls.board = cls.env.ref("helpdesk_property_info.notice_place_bulletin_board")
        cls.lift = cls.env.ref("helpdesk_property_info.notice_place_lift")

    def notice(self, user=None, **overrides):
        vals = {
            "name": "Water supply interrupted on 10 March",
            "kind": "notice",
            "community_id": self.community.id,
            "building_ids": [(6, 0, self.building.ids)],
            "notice_place_ids": [(6, 0, (self.board | self.lift).ids)],
            "outage_type": "water",
            "outage_start": OUTAGE_START,
            "outage_end": datetime(2026, 3, 10, 9, 0),
            "valid_from": datetime(2026, 3, 8, 0, 0),
            "valid_until": datetime(2026, 3, 11, 0, 0),
            "planned_post_date": datetime(2026, 3, 8, 2, 0),
        }
        vals.update(overrides)
        return self.publication(user=user, **vals)


class TestOutageNotice(NoticeCase):
    """A planned outage is approved and posted 24 hours before it starts."""

    def test_a_notice_names_its_community_and_a_coherent_validity(self):
        with self.assertRaisesRegex(ValidationError, "names the community"):
            self.notice(community_id=False)
        elsewhere = self.env["helpdesk.info.community"].create(
            {"name": "Elsewhere Garden"}
        )
        with self.assertRaisesRegex(ValidationError, "belong to its community"):
            self.notice(community_id=elsewhere.id)
        with self.assertRaisesRegex(ValidationError, "cannot end before it is valid"):
            self.notice(valid_until=datetime(2026, 3, 7, 0, 0))
        with self.assertRaisesRegex(ValidationError, "has a start time"):
            self.notice(outage_start=False)
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.notice(outage_end=datetime(2026, 3, 9, 0, 0))

    @freeze_time("2026-03-08 00:00:00")
    def test_submitting_refuses_a_posting_time_later_than_24_hours_before(self):
        notice = self.notice(planned_post_date=datetime(2026, 3, 9, 1, 1))
        with self.assertRaisesRegex(UserError, "24 hours before"):
            notice.action_submit()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.review_ids)
        notice.planned_post_date = LATEST_POSTING
        notice.action_submit()
        self.assertEqual(notice.state, "to_approve")

    def test_approving_refuses_once_it_is_too_late(self):
        with freeze_time("2026-03-08 00:00:00"):
            notice = self.notice()
            notice.action_submit()
        # assertRaises rolls back to a savepoint, as the failed call would be.
        with (
            freeze_time("2026-03-09 01:01:00"),
            self.assertRaises(UserError) as refused,
        ):
            self.approve(notice)
        self.assertIn("too late", str(refused.exception))
        self.env.invalidate_all()
        self.assertEqual(notice.state, "to_approve")
        self.assertEqual(notice.validation_status, "pending")
        self.assertFalse(notice.review_ids.filtered(lambda r: r.status == "approved"))
        with freeze_time("2026-03-09 00:59:00"):
            self.approve(notice)
        self.assertEqual(notice.state, "approved")

    def test_publishing_refuses_once_it_is_too_late(self):
        with freeze_time("2026-03-08 00:00:00"):
            notice = self.notice()
            notice.action_submit()
            self.approve(notice)
        with (
            freeze_time("2026-03-09 01:01:00"),
            self.assertRaisesRegex(UserError, "24 hours before"),
        ):
            notice.action_publish()
        self.assertEqual(notice.state, "approved")
        with freeze_time("2026-03-09 00:30:00"):
            notice.action_publish()
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.published_date, datetime(2026, 3, 9, 0, 30))

    @freeze_time("2026-03-08 00:00:00")
    def test_moving_the_outage_or_the_posting_after_approval_needs_a_new_approval(self):
        notice = self.notice()
        notice.action_submit()
        with self.assertRaises(ValidationError):
            notice.with_user(self.agent).write(
                {"outage_start": datetime(2026, 3, 8, 12, 0)}
            )
        self.approve(notice)
        notice.with_user(self.agent).write(
            {"outage_start": datetime(2026, 3, 8, 12, 0)}
        )
        self.assertEqual(notice.state, "to_approve")
        with self.assertRaisesRegex(UserError, "too late"):
            self.approve(notice)
        with self.assertRaisesRegex(UserError, "not approved"):
            notice.with_user(self.agent).action_publish()

        later = self.notice(name="Power cut")
        later.action_submit()
        self.approve(later)
        later.with_user(self.agent).planned_post_date = datetime(2026, 3, 9, 6, 0)
        self.assertEqual(later.state, "to_approve")
        with self.assertRaisesRegex(UserError, "too late"):
            self.approve(later)

    @freeze_time("2026-03-08 00:00:00")
    def test_a_published_notice_keeps_what_went_out(self):
        notice = self.notice()
        notice.action_submit()
        self.approve(notice)
        notice.action_publish()
        with self.assertRaisesRegex(UserError, "is published"):
            notice.with_user(self.agent).outage_start = datetime(2026, 3, 12, 1, 0)

    @freeze_time("2026-03-08 00:00:00")
    def test_the_form_shows_the_notice_fields(self):
        form = Form(
            self.Publication.with_user(self.agent).with_context(default_kind="notice")
        )
        form.name = "Lift maintenance"
        form.content = "<p>Lift 2 stops for maintenance.</p>"
        form.community_id = self.community
        form.outage_type = "lift"
        form.outage_start = datetime(2026, 3, 12, 1, 0)
        notice = form.save()
        self.assertEqual(notice.kind, "notice")
        notice.action_submit()
        self.assertEqual(notice.state, "to_approve")


class TestNoticeExpiry(NoticeCase):
    """Published notices are withdrawn when their validity ends."""

    def publish(self, **overrides):
        notice = self.notice(**overrides)
        notice.action_submit()
        self.approve(notice)
        notice.action_publish()
        return notice

    def test_the_scheduled_action_withdraws_expired_notices(self):
        cron = self.env.ref("helpdesk_property_info.ir_cron_withdraw_expired_notices")
        with freeze_time("2026-03-08 00:00:00"):
            notice = self.publish()
            kept = self.publish(
                name="Gas inspection", valid_until=datetime(2026, 3, 20, 0, 0)
            )
            endless = self.publish(
                name="Parking rules",
                outage_type=False,
                outage_start=False,
                outage_end=False,
                valid_until=False,
            )
            triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
            self.assertIn(datetime(2026, 3, 11, 0, 0), triggers.mapped("call_at"))
            self.assertTrue(notice.notice_valid_now)
            valid = self.Publication.search([("notice_valid_now", "=", True)])
            self.assertLessEqual(notice | kept | endless, valid)
        with freeze_time("2026-03-10 23:59:00"):
            self.Publication._cron_withdraw_expired_notices()
            self.assertEqual(notice.state, "published")
        with freeze_time("2026-03-11 00:00:00"):
            self.Publication._cron_withdraw_expired_notices()
            self.assertEqual(notice.state, "expired")
            self.assertEqual(kept.state, "published")
            self.assertEqual(endless.state, "published")
            self.assertIn("Validity ended", notice.message_ids[0].body)
            self.assertNotIn(
                notice, self.Publication.search([("notice_valid_now", "=", True)])
            )
            self.assertIn(
                notice, self.Publication.search([("notice_valid_now", "=", False)])
            )

    def test_an_idle_run_costs_one_query(self):
        self.Publication._cron_withdraw_expired_notices()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.Publication._cron_withdraw_expired_notices()

    def test_a_notice_is_withdrawn_by_hand_and_stays_as_it_went_out(self):
        with freeze_time("2026-03-08 00:00:00"):
            notice = self.publish()
            notice.with_user(self.agent).action_withdraw()
        self.assertEqual(notice.state, "expired")
        with self.assertRaises(UserError):
            notice.with_user(self.agent).action_withdraw()
        with self.assertRaises(UserError):
            notice.with_user(self.agent).name = "Changed afterwards"
        with self.assertRaises(UserError):
            notice.with_user(self.manager).action_cancel()
        with self.assertRaises(UserError):
            notice.with_user(self.manager).unlink()

    def test_a_withdrawn_notice_still_counts_as_published(self):
        with freeze_time("2026-03-08 00:00:00"):
            notice = self.publish()
            notice.with_user(self.agent).action_withdraw()
            self.env["helpdesk.info.publication.effect"].with_user(self.agent).create(
                {
                    "publication_id": notice.id,
                    "kind": "response",
                    "note": "Owners stored water.",
                }
            )
        figures = self.Publication._monthly_statistics(
            self.company, datetime(2026, 3, 1), datetime(2026, 4, 1)
        )
        self.assertEqual(figures["publication_count"], 1)
        self.assertIn(
            ["Notice", 1], [list(row) for row in figures["publications_by_kind"]]
        )

    def test_an_expired_notice_is_not_posted(self):
        with freeze_time("2026-03-08 00:00:00"):
            notice = self.notice(
                outage_type=False, outage_start=False, outage_end=False
            )
            notice.action_submit()
            self.approve(notice)
        with (
            freeze_time("2026-03-12 00:00:00"),
            self.assertRaisesRegex(UserError, "no longer valid"),
        ):
            notice.action_publish()
        self.assertEqual(notice.state, "approved")
