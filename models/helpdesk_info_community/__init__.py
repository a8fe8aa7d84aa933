from . import helpdesk_info_community
from . import personal_data
from . import accounting
