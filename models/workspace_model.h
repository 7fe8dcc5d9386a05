#pragma once
/// The workspace tree: fixed categories (models, caches, rollouts, probe results, analyses, figures)
/// with the files/folders opened or produced under each. Two levels only.
#include <QAbstractItemModel>
#include <vector>

namespace srs::models {

class WorkspaceModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Category { Models, Caches, Rollouts, ProbeResults, Analyses, Figures };
    static constexpr int kCategoryCount = 6;
    /// Removes every entry of every category (a new workspace).
    void clear();
    /// Item roles: full path (QString) and category (int).
    static constexpr int PathRole = Qt::UserRole + 1;
    static constexpr int CategoryRole = Qt::UserRole + 2;

    explicit WorkspaceModel(QObject* parent = nullptr);

    /// Adds an entry (or returns the existing one with the same path). GUI thread only.
    QModelIndex addItem(Category category, const QString& name, const QString& path);
    /// Removes an entry; returns false when `index` is not an entry.
    bool removeItem(const QModelIndex& index);
    QModelIndex categoryIndex(Category category) const;
    QModelIndex find(Category category, const QString& path) const;
    int itemCount(Category category) const;
    /// Translated display name of a category.
    static QString categoryName(Category category);
    /// Tells views that category names changed (after a language switch).
    void retranslate();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Entry {
        QString name;
        QString path;
    };
    std::vector<Entry> m_entries[kCategoryCount];
};

}  // namespace srs::models
