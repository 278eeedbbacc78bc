#include "util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace descope_mgmt::util {

namespace {
std::string system_reason() {
    return std::strerror(errno);
}
}  // namespace

/// Why `st` is not something we read or replace as a file, or nullptr for a regular file.
static const char* not_a_file(const struct stat& st) {
    if (S_ISREG(st.st_mode)) return nullptr;
    if (S_ISDIR(st.st_mode)) return "is a directory, not a file";
    if (S_ISFIFO(st.st_mode)) return "is a FIFO (named pipe), not a regular file";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device, not a regular file";
    if (S_ISSOCK(st.st_mode)) return "is a socket, not a regular file";
    return "is not a regular file";
}

static std::string mebibytes(std::size_t n) {
    return std::to_string((n + (1u << 20) - 1) >> 20) + " MiB";
}

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return error(path.string() + ": cannot read: " + system_reason());
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const auto reason = system_reason();
        ::close(fd);
        return error(path.string() + ": cannot read: " + reason);
    }
    if (const char* why = not_a_file(st)) {
        ::close(fd);
        return error(path.string() + ": " + why);
    }
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return error(path.string() + ": is " + mebibytes(static_cast<std::size_t>(st.st_size)) +
                     ", more than the " + mebibytes(max_bytes) + " this tool reads");
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const auto reason = system_reason();
            ::close(fd);
            return error(path.string() + ": read failed: " + reason);
        }
        if (n == 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > max_bytes) {  // it grew while being read
            ::close(fd);
            return error(path.string() + ": more than the " + mebibytes(max_bytes) +
                         " this tool reads");
        }
    }
    ::close(fd);
    return out;
}

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                   unsigned mode) {
    // Only a regular file is ever replaced: --out /dev/null must not become a file.
    if (struct stat st{}; ::stat(path.c_str(), &st) == 0) {
        if (const char* why = not_a_file(st)) return error(path.string() + ": " + why);
    }
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::random_device rd;
    // Built with append: GCC 12 at -O3 reports a false -Wrestrict on chained operator+.
    std::string tmp_name = ".";
    tmp_name.append(path.filename().string()).append(".tmp-").append(std::to_string(rd()));
    const auto tmp = folder / tmp_name;
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return error(path.string() + ": cannot create temporary file: " + system_reason());
    // open() applies the umask; set the exact mode asked for.
    ::fchmod(fd, mode);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const auto reason = system_reason();
            ::close(fd);
            ::unlink(tmp.c_str());
            return error(path.string() + ": write failed: " + reason);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const auto reason = system_reason();
        ::unlink(tmp.c_str());
        return error(path.string() + ": fsync failed: " + reason);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const auto reason = system_reason();
        ::unlink(tmp.c_str());
        return error(path.string() + ": rename failed: " + reason);
    }
    const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return {};
}

const char* to_string(FileOutcome outcome) {
    switch (outcome) {
        case FileOutcome::created:
            return "created";
        case FileOutcome::updated:
            return "updated";
        case FileOutcome::unchanged:
            return "unchanged";
    }
    return "created";
}

Result<FileOutcome> write_file_if_changed(const std::filesystem::path& path,
                                          std::string_view content) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (exists) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) {
            if (const char* why = not_a_file(st)) return error(path.string() + ": " + why);
            // Leaving an identical file alone keeps its time stamp, so tools watching the
            // folder (and `make`) see no change. Only a file of the same size can be identical.
            if (static_cast<std::size_t>(st.st_size) == content.size()) {
                if (auto old = read_file(path); old && *old == content)
                    return FileOutcome::unchanged;
            }
        }
    }
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            return error("cannot create folder " + path.parent_path().string() + ": " +
                         ec.message());
        }
    }
    if (auto w = write_file_atomically(path, content); !w) return unexpected(w.error());
    return exists ? FileOutcome::updated : FileOutcome::created;
}

}  // namespace descope_mgmt::util
