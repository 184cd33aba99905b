// The resources (":/icons/...", ":/sample-org/...") are attached to this library by
// qt_add_resources; this translation unit only gives the static library something to build.
namespace msi::resources {
int anchor() { return 0; }
}
