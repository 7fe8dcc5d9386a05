#include "app/gui/language.h"

#include <QCoreApplication>
#include <QTranslator>
#include <memory>

namespace srs::app::gui {
namespace {
std::unique_ptr<QTranslator>& translator() {
    static std::unique_ptr<QTranslator> t;
    return t;
}
QString& currentCode() {
    static QString code = QStringLiteral("en");
    return code;
}
}  // namespace

bool Language::apply(const QString& code) {
    if (code == QLatin1String("en")) {
        if (translator()) QCoreApplication::removeTranslator(translator().get());
        translator().reset();
        currentCode() = code;
        return true;
    }
    auto next = std::make_unique<QTranslator>();
    if (!next->load(QStringLiteral(":/i18n/srs_%1.qm").arg(code))) return false;
    if (translator()) QCoreApplication::removeTranslator(translator().get());
    translator() = std::move(next);
    QCoreApplication::installTranslator(translator().get());
    currentCode() = code;
    return true;
}

QString Language::current() { return currentCode(); }

}  // namespace srs::app::gui
