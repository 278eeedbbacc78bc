#pragma once
// Files and temporary folders for tests: the one place that reads a file into a string and
// makes a scratch folder (every suite uses these; none writes its own).

#include <filesystem>
#include <string>
#include <string_view>

namespace descope_mgmt::test {

/// The file's bytes; "" when it cannot be read (the test then fails on the content).
std::string read_text(const std::filesystem::path& path);

/// Writes `text` to `path`, creating its folders, and returns `path`.
std::filesystem::path write_text(const std::filesystem::path& path, std::string_view text);

/// A fresh, empty folder under the system's temporary folder, removed with the object.
class TempDir {
  public:
    explicit TempDir(std::string_view prefix = "dm-test");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::filesystem::path& relative) const {
        return m_path / relative;
    }
    /// Writes `text` to `relative` (creating folders) and returns the full path.
    std::filesystem::path write(const std::filesystem::path& relative, std::string_view text) const;

  private:
    std::filesystem::path m_path;
};

}  // namespace descope_mgmt::test
