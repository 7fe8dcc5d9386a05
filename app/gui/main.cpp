#include <QApplication>
#include <QStringList>

#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/settings.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SRS Workbench"));
    QApplication::setApplicationName(QStringLiteral("SRS Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(SRS_VERSION_STRING));
    using namespace srs::app::gui;
    Language::apply(Settings::get(keys::kLanguage));
    MainWindow window;
    if (!window.property("geometryRestored").toBool()) window.resize(1560, 960);
    window.show();
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) window.openPath(args.at(i));
    return app.exec();
}
