#include "models/workspace_model.h"

#include <QCoreApplication>

namespace srs::models {

WorkspaceModel::WorkspaceModel(QObject* parent) : QAbstractItemModel(parent) {}

QString WorkspaceModel::categoryName(Category category) {
    switch (category) {
    case Category::Models: return tr("Models");
    case Category::Caches: return tr("Activation caches");
    case Category::Rollouts: return tr("Rollouts");
    case Category::ProbeResults: return tr("Probe results");
    case Category::Analyses: return tr("Analyses");
    case Category::Figures: return tr("Figures");
    }
    return {};
}

void WorkspaceModel::retranslate() {
    emit headerDataChanged(Qt::Horizontal, 0, 0);
    emit dataChanged(index(0, 0), index(kCategoryCount - 1, 0));
}

QModelIndex WorkspaceModel::addItem(Category category, const QString& name, const QString& path) {
    const QModelIndex existing = find(category, path);
    if (existing.isValid()) return existing;
    auto& list = m_entries[static_cast<int>(category)];
    const int row = static_cast<int>(list.size());
    beginInsertRows(categoryIndex(category), row, row);
    list.push_back({name, path});
    endInsertRows();
    return index(row, 0, categoryIndex(category));
}

void WorkspaceModel::clear() {
    for (int c = 0; c < kCategoryCount; ++c) {
        auto& list = m_entries[c];
        if (list.empty()) continue;
        beginRemoveRows(categoryIndex(static_cast<Category>(c)), 0, static_cast<int>(list.size()) - 1);
        list.clear();
        endRemoveRows();
    }
}

bool WorkspaceModel::removeItem(const QModelIndex& idx) {
    if (!idx.isValid() || idx.internalId() == 0) return false;
    const int cat = static_cast<int>(idx.internalId()) - 1;
    auto& list = m_entries[cat];
    if (idx.row() < 0 || idx.row() >= static_cast<int>(list.size())) return false;
    beginRemoveRows(idx.parent(), idx.row(), idx.row());
    list.erase(list.begin() + idx.row());
    endRemoveRows();
    return true;
}

QModelIndex WorkspaceModel::categoryIndex(Category category) const {
    return createIndex(static_cast<int>(category), 0, quintptr(0));
}

QModelIndex WorkspaceModel::find(Category category, const QString& path) const {
    const auto& list = m_entries[static_cast<int>(category)];
    for (size_t i = 0; i < list.size(); ++i)
        if (list[i].path == path) return index(static_cast<int>(i), 0, categoryIndex(category));
    return {};
}

int WorkspaceModel::itemCount(Category category) const {
    return static_cast<int>(m_entries[static_cast<int>(category)].size());
}

QModelIndex WorkspaceModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) return {};
    if (!parent.isValid())
        return row < kCategoryCount ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0) return {};
    if (row >= static_cast<int>(m_entries[parent.row()].size())) return {};
    return createIndex(row, 0, quintptr(parent.row() + 1));
}

QModelIndex WorkspaceModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId()) - 1, 0, quintptr(0));
}

int WorkspaceModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return kCategoryCount;
    if (parent.column() != 0 || parent.internalId() != 0) return 0;
    return static_cast<int>(m_entries[parent.row()].size());
}

int WorkspaceModel::columnCount(const QModelIndex&) const { return 1; }

QVariant WorkspaceModel::data(const QModelIndex& idx, int role) const {
    if (!idx.isValid()) return {};
    if (idx.internalId() == 0) {
        const auto cat = static_cast<Category>(idx.row());
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1 (%2)").arg(categoryName(cat)).arg(itemCount(cat));
        if (role == CategoryRole) return idx.row();
        return {};
    }
    const int cat = static_cast<int>(idx.internalId()) - 1;
    const Entry& e = m_entries[cat][static_cast<size_t>(idx.row())];
    switch (role) {
    case Qt::DisplayRole: return e.name;
    case Qt::ToolTipRole:
    case PathRole: return e.path;
    case CategoryRole: return cat;
    default: return {};
    }
}

QVariant WorkspaceModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole) return tr("Workspace");
    return {};
}

Qt::ItemFlags WorkspaceModel::flags(const QModelIndex& idx) const {
    if (!idx.isValid()) return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

}  // namespace srs::models
