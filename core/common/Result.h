#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace taskdeck {

// What kind of failure an Error is, so that callers (and the CLI's exit codes) can react without parsing text.
enum class ErrorCode {
    InvalidArgument, // bad input from the caller: nothing was written
    NotFound,
    Database, // a statement or commit failed
    Unavailable, // cannot open or reach the database
    DriverMissing, // the Qt SQL plugin for the locator is not installed
    SchemaMissing, // the database has no TaskDeck schema yet
    SchemaOutdated, // older schema than this build: run `init`
    SchemaTooNew, // newer, incompatible schema
    Unsupported,
    Io,
    PermissionDenied, // the database refused the account this statement (grants, roles, a read-only file)
};

struct Error
{
    ErrorCode code = ErrorCode::Database;
    QString message; // what failed and what to do, for people
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

// The core's single error convention: every fallible call returns a Result that the caller must look at.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_value(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_value.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_value); }
    const T& value() const& { return std::get<0>(m_value); }
    T&& value() && { return std::get<0>(std::move(m_value)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_value); }

private:
    std::variant<T, Error> m_value;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace taskdeck
