#include "report/excel/library_version.hpp"

#include <xlsxwriter.h>

namespace pirpack::report::excel {

std::string libxlsxwriter_version() { return LXW_VERSION; }

}  // namespace pirpack::report::excel
