#pragma once
// A small expected-like result type. Low layers return Result<T> instead of throwing;
// the top layer turns the error into one "descope-mgmt: error: ..." line.
// (std::expected is not usable with clang 14, which builds the fuzz targets.)

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace descope_mgmt::util {

/// A plain error message, with context prepended on the way up.
struct Error {
    std::string message;
};

template <class E>
struct Unexpected {
    E error;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& e) {
    return {std::forward<E>(e)};
}

inline Unexpected<Error> error(std::string message) {
    return {Error{std::move(message)}};
}

template <class T, class E = Error>
class [[nodiscard]] Result {
  public:
    using value_type = T;
    using error_type = E;

    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT
    template <class U>
    Result(Unexpected<U> e) : m_v(std::in_place_index<1>, E(std::move(e.error))) {}  // NOLINT

    bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value());
        return std::get<0>(m_v);
    }
    const T& value() const& {
        assert(has_value());
        return std::get<0>(m_v);
    }
    T&& value() && {
        assert(has_value());
        return std::get<0>(std::move(m_v));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    E& error() & {
        assert(!has_value());
        return std::get<1>(m_v);
    }
    const E& error() const& {
        assert(!has_value());
        return std::get<1>(m_v);
    }

  private:
    std::variant<T, E> m_v;
};

template <class E>
class [[nodiscard]] Result<void, E> {
  public:
    using value_type = void;
    using error_type = E;

    Result() = default;
    template <class U>
    Result(Unexpected<U> e) : m_error(E(std::move(e.error))), m_ok(false) {}  // NOLINT

    bool has_value() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    void value() const { assert(m_ok); }

    E& error() & {
        assert(!m_ok);
        return m_error;
    }
    const E& error() const& {
        assert(!m_ok);
        return m_error;
    }

  private:
    E m_error{};
    bool m_ok = true;
};

}  // namespace descope_mgmt::util
