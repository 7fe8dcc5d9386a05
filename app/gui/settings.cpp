#include "app/gui/settings.h"

namespace srs::app::gui {

QStringList Settings::addRecentFile(const QString& path) {
    QStringList list = get(keys::kRecentFiles);
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecentFiles) list.removeLast();
    set(keys::kRecentFiles, list);
    return list;
}

}  // namespace srs::app::gui
