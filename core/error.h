#pragma once
/// Error types thrown by core. Every message names the file, the tensor, key or line,
/// and what was expected versus what was found. Boundaries (CLI main, GUI job runner)
/// catch srs::Error and turn it into exit code 1 / a message box.
#include <stdexcept>
#include <string>

namespace srs {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A file is missing, unreadable, truncated or malformed.
class FormatError : public Error {
public:
    using Error::Error;
};

/// Input is well-formed but not what the operation supports (architecture, dtype, ...).
class UnsupportedError : public Error {
public:
    using Error::Error;
};

/// Wrong arguments given by the caller (bad hook name, dims out of range, ...).
class InvalidArgument : public Error {
public:
    using Error::Error;
};

/// Thrown by CancelToken::throwIfCancelled(); CLI maps it to exit code 130.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace srs
