# Checks of libcare as a product rather than as code: what the shared library exports, that the
# public headers stand alone (as C11 and as C++), and that a program builds against the installed
# files. Included from the top-level CMakeLists.txt when CARE_BUILD_TESTS is on.

set(CARE_ROOT ${PROJECT_SOURCE_DIR})

# (a) `nm -D` of libcare.so shows exactly the CARE_API functions of the headers, as listed in
# tests/exports.txt.
add_test(NAME exports COMMAND sh ${CARE_ROOT}/tests/check_exports.sh $<TARGET_FILE:care>)
set_tests_properties(exports PROPERTIES LABELS infra ENVIRONMENT "NM=${CMAKE_NM}")

# (b) Each public header compiles alone, first as strict C11 with the project's warnings, then as
# C++11 (a C++ program must be able to include it: extern "C", no C-only constructs).
set(CARE_HEADER_C_FLAGS -std=c11 -fsyntax-only -Wall -Wextra -Wpedantic -Wshadow -Wconversion
  -Wstrict-prototypes -Werror -I${CARE_ROOT}/include)
add_test(NAME header_c COMMAND ${CMAKE_C_COMPILER} ${CARE_HEADER_C_FLAGS}
  ${CARE_ROOT}/tests/header_c.c)
set_tests_properties(header_c PROPERTIES LABELS infra)
foreach(header ${CARE_PUBLIC_HEADERS})
  get_filename_component(name ${header} NAME_WE)
  add_test(NAME header_c_${name} COMMAND ${CMAKE_C_COMPILER} ${CARE_HEADER_C_FLAGS} -x c ${header})
  set_tests_properties(header_c_${name} PROPERTIES LABELS infra)
endforeach()

include(CheckLanguage)
check_language(CXX)
if(CMAKE_CXX_COMPILER)
  set(CARE_HEADER_CXX_FLAGS -std=c++11 -fsyntax-only -Wall -Wextra -Wpedantic -Werror
    -I${CARE_ROOT}/include)
  add_test(NAME header_cxx COMMAND ${CMAKE_CXX_COMPILER} ${CARE_HEADER_CXX_FLAGS}
    ${CARE_ROOT}/tests/header_cxx.cpp)
  set_tests_properties(header_cxx PROPERTIES LABELS infra)
  foreach(header ${CARE_PUBLIC_HEADERS})
    get_filename_component(name ${header} NAME_WE)
    add_test(NAME header_cxx_${name} COMMAND ${CMAKE_CXX_COMPILER} ${CARE_HEADER_CXX_FLAGS}
      -x c++ ${header})
    set_tests_properties(header_cxx_${name} PROPERTIES LABELS infra)
  endforeach()
else()
  message(STATUS "No C++ compiler: the C++ header test is skipped")
endif()

# (c) A tiny program built against `cmake --install` of this build, through pkg-config and
# through find_package(libcare CONFIG), shared and static. A sanitized library cannot be linked
# by a plain consumer, so sanitizer and fuzz builds leave this to the ordinary build.
if(NOT CARE_SANITIZE AND NOT CARE_FUZZ)
  add_test(NAME consumer COMMAND sh ${CARE_ROOT}/tests/consumer/run.sh ${PROJECT_BINARY_DIR}
    ${PROJECT_VERSION})
  set_tests_properties(consumer PROPERTIES LABELS infra
    ENVIRONMENT "CC=${CMAKE_C_COMPILER};CMAKE=${CMAKE_COMMAND}" TIMEOUT 300)
  # examples/embed, built the same way and checked against the `care` program.
  if(CARE_BUILD_EXAMPLES)
    add_test(NAME consumer_embed COMMAND sh ${CARE_ROOT}/tests/consumer/embed.sh
      ${PROJECT_BINARY_DIR} $<TARGET_FILE:care_cli>)
    set_tests_properties(consumer_embed PROPERTIES LABELS infra
      ENVIRONMENT "CC=${CMAKE_C_COMPILER};CMAKE=${CMAKE_COMMAND}" TIMEOUT 300)
  endif()
endif()

# (d) The layers of lib/ and the one-way rule between them (docs/architecture.md): includes
# only from the same or a lower layer, and no two files that call each other.
add_test(NAME layers COMMAND sh ${CARE_ROOT}/tests/check_layers.sh ${CARE_ROOT}
  $<TARGET_OBJECTS:care_objects>)
set_tests_properties(layers PROPERTIES LABELS infra ENVIRONMENT "NM=${CMAKE_NM}")
