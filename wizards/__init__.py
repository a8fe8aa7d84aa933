from . import helpdesk_ticket_record_wizard
from . import helpdesk_reception_export
from . import helpdesk_info_survey_distribute
from . import comment_wizard
from . import helpdesk_info_holiday_import
from . import helpdesk_ticket_visit_wizard
from . import helpdesk_info_visit_draw
from . import helpdesk_info_visit_draw_line
