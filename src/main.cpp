#include "cli/app.hpp"

int main(int argc, char** argv) {
    return descope_mgmt::cli::run(argc, argv);
}
