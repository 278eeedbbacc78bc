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

Result<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return error(path.string() + ": cannot read: " + system_reason());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return error(path.string() + ": read failed: " + system_reason());
    return buffer.str();
}

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                   unsigned mode) {
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
        if (fs::is_directory(path, ec))
            return error(path.string() + ": is a directory, not a file");
        // Leaving an identical file alone keeps its time stamp, so tools watching the folder
        // (and `make`) see no change.
        if (auto old = read_file(path); old && *old == content) return FileOutcome::unchanged;
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
