from . import helpdesk_info_list_mixin
from . import helpdesk_info_source
from . import helpdesk_info_party
from . import helpdesk_ticket_channel
from . import helpdesk_ticket_team
from . import helpdesk_ticket_classification
from . import helpdesk_ticket_intake
