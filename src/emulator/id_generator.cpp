#include "emulator/id_generator.hpp"

namespace descope_mgmt::emulator {

std::string IdGenerator::next(char prefix) {
    static constexpr char kAlphabet[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    std::string id{prefix, '2'};
    for (int i = 0; i < 26; ++i)
        id += kAlphabet[m_rng() % (sizeof kAlphabet - 1)];
    return id;
}

}  // namespace descope_mgmt::emulator
