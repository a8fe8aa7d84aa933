from . import helpdesk_info_unit
from . import personal_data
from . import visit
from . import registration
