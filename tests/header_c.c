/*
 * The umbrella header compiles alone, before any system header, as strict C11 with the
 * project's warnings (compiled with -fsyntax-only by the header_c test).
 */
#include <care.h>

_Static_assert(CARE_VERSION_NUMBER ==
                   CARE_VERSION_MAJOR * 10000 + CARE_VERSION_MINOR * 100 + CARE_VERSION_PATCH,
               "CARE_VERSION_NUMBER agrees with its parts");
_Static_assert(CARE_VERSION_CHECK(CARE_VERSION_MAJOR, CARE_VERSION_MINOR, CARE_VERSION_PATCH),
               "CARE_VERSION_CHECK accepts the headers' own version");

static const care_load_options default_load_options = CARE_LOAD_OPTIONS_INIT;

int header_c_check(void);

int header_c_check(void)
{
	return default_load_options.strict;
}
