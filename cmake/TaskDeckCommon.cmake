# One INTERFACE target carries the language standard, the warnings and the strict Qt macros for every target.
add_library(taskdeck_common INTERFACE)
add_library(TaskDeck::common ALIAS taskdeck_common)

target_compile_features(taskdeck_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(taskdeck_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    TASKDECK_VERSION_STRING="${PROJECT_VERSION}"
    # <windows.h> must not define min and max over std::min and std::max.
    $<$<PLATFORM_ID:Windows>:NOMINMAX>)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(taskdeck_common INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
        -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations)
    if(TASKDECK_WERROR)
        target_compile_options(taskdeck_common INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(taskdeck_common INTERFACE /W4 /permissive- /utf-8)
    if(TASKDECK_WERROR)
        target_compile_options(taskdeck_common INTERFACE /WX)
    endif()
endif()
