/*
 * The umbrella header compiles alone as C++11 (compiled with -fsyntax-only by the header_cxx
 * test), and declares the API with C linkage: redeclaring a function as extern "C" is an error
 * if the header gave it C++ linkage.
 */
#include <care.h>

extern "C" const char *care_version(int *number);
extern "C" void care_dataset_free(care_dataset *ds);

static_assert(CARE_VERSION_CHECK(CARE_VERSION_MAJOR, CARE_VERSION_MINOR, CARE_VERSION_PATCH),
              "CARE_VERSION_CHECK accepts the headers' own version");

int header_cxx_check();

int header_cxx_check()
{
	care_load_options options = CARE_LOAD_OPTIONS_INIT;
	return options.strict;
}
