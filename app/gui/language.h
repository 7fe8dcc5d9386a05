#pragma once
/// Switches the UI language (English source strings, Korean translation) at run time.
#include <QString>

namespace srs::app::gui {

class Language {
public:
    /// "en" removes the translator; "ko" installs the bundled :/i18n/srs_ko.qm. Returns
    /// false (and keeps the current language) when the translation cannot be loaded.
    /// Installing posts a LanguageChange event to every widget. GUI thread only.
    static bool apply(const QString& code);
    static QString current();
};

}  // namespace srs::app::gui
