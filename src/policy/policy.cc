// Policy defaults (placeholder; filled in by the policy work).
#include "policy/policy.h"
