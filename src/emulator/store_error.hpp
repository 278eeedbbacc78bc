#pragma once
// A failed management call as the store sees it. The HTTP layer (server.cpp) turns the kind into a
// status and a Descope error code, because some of those are configurable (see docs/emulator.md).

#include <string>
#include <utility>

#include "util/result.hpp"

namespace descope_mgmt::emulator {

enum class ErrorKind {
    bad_request,       // body is not JSON, or a field has the wrong JSON type (400 E011001)
    missing_argument,  // a required field is empty (400 E011002, "The name field is required")
    invalid_argument,  // a value is not acceptable: unknown parent, unknown permission (400
                       // E011004)
    not_found,         // unknown id or name (--not-found-status, default 404)
    duplicate,         // create or rename onto an existing id or name (--duplicate-status)
};

struct StoreError {
    ErrorKind kind = ErrorKind::bad_request;
    std::string message;  // becomes errorMessage; names the field or the id
};

/// Shorthand for returning a StoreError from a function that returns a Result.
inline util::Unexpected<StoreError> fail(ErrorKind kind, std::string message) {
    return util::unexpected(StoreError{kind, std::move(message)});
}

/// "The <field> field is required": the wording the real service uses (descope-api.md §2.1).
inline util::Unexpected<StoreError> missing(const std::string& field) {
    return fail(ErrorKind::missing_argument, "The " + field + " field is required");
}

}  // namespace descope_mgmt::emulator
