#include "emulator/emulator_main.hpp"

int main(int argc, char** argv) {
    return descope_mgmt::emulator::run(argc, argv);
}
