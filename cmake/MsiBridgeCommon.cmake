# Shared compile settings for every target (style rule 2) and the one test helper (rule 11).
add_library(msi_common INTERFACE)
target_compile_features(msi_common INTERFACE cxx_std_20)
target_compile_definitions(msi_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    MSI_BRIDGE_VERSION="${PROJECT_VERSION}"
    $<$<CONFIG:Release>:QT_NO_DEBUG_OUTPUT>)
target_compile_options(msi_common INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wno-unused-parameter>)

set(MSI_TEST_DATA_DIR "${PROJECT_SOURCE_DIR}/tests/data")
set(MSI_SAMPLE_ORG_DIR "${PROJECT_SOURCE_DIR}/resources/sample-org")

# msi_add_test(<name> SOURCES a.cpp ... LIBS lib... [GUI] [LABELS l...] [TIMEOUT s])
# One Qt Test executable per tested unit, registered with CTest. GUI tests run on the offscreen
# platform, so no X server is needed.
function(msi_add_test name)
    cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE msi_common Qt6::Test ${T_LIBS})
    target_compile_definitions(${name} PRIVATE
        MSI_TEST_DATA_DIR="${MSI_TEST_DATA_DIR}"
        MSI_SAMPLE_ORG_DIR="${MSI_SAMPLE_ORG_DIR}"
        MSI_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    set(env "LANG=C.UTF-8;LC_ALL=C.UTF-8;QT_LOGGING_RULES=*.debug=false")
    if(T_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT ${T_TIMEOUT}
                         LABELS "${T_LABELS}")
endfunction()
