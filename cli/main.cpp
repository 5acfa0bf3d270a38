#include "cli/commands.hpp"

#include <iostream>

int main(int argc, char** argv) {
    return accrue::run_cli(argc, argv, std::cout, std::cerr);
}
