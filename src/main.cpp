// pirpack: the executable is only this; everything else is the library the tests link.
#include "cli/application.hpp"

int main(int argc, char** argv) { return pirpack::cli::run_main(argc, argv); }
