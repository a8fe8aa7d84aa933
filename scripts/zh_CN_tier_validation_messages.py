"""Simplified Chinese for base_tier_validation's messages, as this addon states
them again for its own documents (models/helpdesk_info_tier_guard_mixin.py,
models/tier_review.py): banners, chatter and the reviews' assignees that the
leaders read while approving."""

TERMS = {
    "%(icon)s Pending validation by %(todo_by)s": "%(icon)s 待%(todo_by)s审批",
    "%(icon)s This %(model_name)s needs to be validated": "%(icon)s 此%(model_name)s需要审批",
    "%(reviewers)s (and %(count)s more)": "%(reviewers)s（另有 %(count)s 人）",
    "A record to be reviewed has been created by %s.": "%s 创建了待审批的记录。",
    "A review has been requested %s days ago.": "审批请求已发出 %s 天。",
    "A review has been requested by %s.": "%s 发起了审批请求。",
    "A review was accepted": "审批已通过",
    "A review was accepted. (%s)": "审批已通过。（%s）",
    "A review was rejected by %(user)s. (%(comment)s)": "%(user)s 驳回了审批。（%(comment)s）",
    "A review was rejected by %s.": "%s 驳回了审批。",
    "Comment": "审批意见",
    "Group %s": "用户组“%s”",
    "Next: %s": "下一步：%s",
    "Operation has been <b>rejected</b>.": "已被<b>驳回</b>。",
    "Operation has been <b>validated</b>!": "已<b>批准</b>！",
    "Review pending for %(assignees)s, requested by %(requester)s.": "待%(assignees)s审批，由 %(requester)s 发起。",
    "The review has been reset by %s.": "%s 重置了审批。",
    "the assigned reviewer": "指定的审批人",
}

# The review's field that carries the assignees in the reader's language.
TERMS.update({
    "To Do By (Reader's Language)": "待办人（阅读者语言）",
    "Who is to act on the review, in the language of whoever reads it.": "由谁处理此审批，以阅读者的语言显示。",
})
