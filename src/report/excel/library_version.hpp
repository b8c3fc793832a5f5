// The libxlsxwriter version pirpack was built with, without exposing xlsxwriter.h elsewhere.
#pragma once

#include <string>

namespace pirpack::report::excel {

std::string libxlsxwriter_version();

}  // namespace pirpack::report::excel
