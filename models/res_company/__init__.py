from . import reception
from . import personal_data
from . import visit
from . import patrol
from . import duty
from . import lang
from . import service_centre
from . import front_desk
