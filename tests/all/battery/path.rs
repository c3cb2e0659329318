//! `wat/p1_path.wasm`: the calls that name a path.

use super::{assert_file, assert_missing, case, Case, PATH};
use crate::support::{lstat, mkdir_p, put, symlink};
use wasip1_host::abi::Filetype;
use wasip1_host::fs::{Fs, VPath};

/// f = "hello", d/inner = "in d", d/il -> inner, empty/, and symlinks: loop -> loop,
/// lf -> f, ld -> d, dangling -> nowhere, tl -> target, d/up -> ../f.
fn tree(fs: &dyn Fs) {
    put(fs, "f", b"hello");
    put(fs, "d/inner", b"in d");
    symlink(fs, "inner", "d/il");
    mkdir_p(fs, "empty");
    symlink(fs, "loop", "loop");
    symlink(fs, "f", "lf");
    symlink(fs, "d", "ld");
    symlink(fs, "nowhere", "dangling");
    symlink(fs, "target", "tl");
    symlink(fs, "../f", "d/up");
}

fn path(name: &'static str) -> Case {
    case(PATH, name).given(tree)
}

fn filetype(fs: &dyn Fs, path: &str) -> Filetype {
    lstat(fs, path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .filetype
}

fn link_target(fs: &dyn Fs, path: &str) -> String {
    fs.readlink(VPath::new(path).unwrap()).unwrap()
}

/// What every path call answers for the ten bad paths of `$bad_paths`.
const RESOLVER_ERRORS: &str = "absolute PERM\nescape PERM\nnul INVAL\nilseq ILSEQ\n\
    long NAMETOOLONG\nnotdir NOTDIR\nnoent NOENT\nloop LOOP\nfile_fd NOTDIR\nbad_fd BADF\n";

// ---- the resolver errors, for every call ------------------------------------

#[test]
fn path_open_reports_resolver_errors() {
    path("path_open_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_filestat_get_reports_resolver_errors() {
    path("path_filestat_get_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_filestat_set_times_reports_resolver_errors() {
    path("path_filestat_set_times_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_create_directory_reports_resolver_errors() {
    path("path_create_directory_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_remove_directory_reports_resolver_errors() {
    path("path_remove_directory_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_unlink_file_reports_resolver_errors() {
    path("path_unlink_file_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_rename_source_reports_resolver_errors() {
    path("path_rename_source_reports_resolver_errors")
        .then(|fs| assert_file(fs, "f", b"hello"))
        .prints(RESOLVER_ERRORS);
}

#[test]
fn path_rename_target_reports_resolver_errors() {
    path("path_rename_target_reports_resolver_errors")
        .then(|fs| assert_file(fs, "f", b"hello"))
        .prints(RESOLVER_ERRORS);
}

#[test]
fn path_link_source_reports_resolver_errors() {
    path("path_link_source_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_link_target_reports_resolver_errors() {
    path("path_link_target_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_symlink_reports_resolver_errors() {
    path("path_symlink_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

#[test]
fn path_readlink_reports_resolver_errors() {
    path("path_readlink_reports_resolver_errors").prints(RESOLVER_ERRORS);
}

// ---- path_open --------------------------------------------------------------

#[test]
fn open_an_existing_file_at_the_lowest_free_number() {
    path("open_an_existing_file").prints("open 0\nfd 4\n");
}

#[test]
fn open_a_missing_file_is_noent() {
    path("open_a_missing_file_is_noent")
        .then(|fs| assert_missing(fs, "new"))
        .prints("open NOENT\n");
}

#[test]
fn open_creat_creates_an_empty_file() {
    path("open_creat_creates_an_empty_file")
        .then(|fs| assert_file(fs, "new", b""))
        .prints("open 0\n");
}

#[test]
fn open_creat_excl_on_something_existing_is_exist() {
    path("open_creat_excl_on_something_existing_is_exist").prints("open EXIST\nopen EXIST\n");
}

#[test]
fn open_creat_excl_on_a_dangling_symlink_is_exist() {
    path("open_creat_excl_on_a_dangling_symlink_is_exist")
        .then(|fs| assert_missing(fs, "nowhere"))
        .prints("open EXIST\n");
}

#[test]
fn open_creat_through_a_dangling_symlink_creates_the_target() {
    path("open_creat_through_a_dangling_symlink_creates_the_target")
        .then(|fs| assert_file(fs, "nowhere", b""))
        .prints("open 0\n");
}

#[test]
fn open_trunc_empties_the_file() {
    path("open_trunc_empties_the_file")
        .then(|fs| assert_file(fs, "f", b""))
        .prints("open 0\n");
}

#[test]
fn open_a_file_as_a_directory_is_notdir() {
    path("open_a_file_as_a_directory_is_notdir").prints("open NOTDIR\nopen NOTDIR\nopen 0\n");
}

#[test]
fn open_a_directory_for_writing_is_isdir() {
    path("open_a_directory_for_writing_is_isdir").prints("open ISDIR\nopen ISDIR\nopen ISDIR\n");
}

#[test]
fn open_dot_and_dotdot_inside() {
    path("open_dot_and_dotdot_inside").prints(&"open 0\n".repeat(5));
}

#[test]
fn open_paths_with_dots_and_slashes() {
    path("open_paths_with_dots_and_slashes").prints(&"open 0\n".repeat(3));
}

#[test]
fn open_a_symlink_follows_only_when_asked() {
    path("open_a_symlink_follows_only_when_asked")
        .prints("open LOOP\nopen LOOP\nopen LOOP\nopen 0\nopen 0\nopen NOTDIR\n");
}

#[test]
fn open_through_a_symlinked_directory() {
    path("open_through_a_symlinked_directory").prints("open 0\n");
}

#[test]
fn open_a_loop_or_a_dangling_symlink() {
    path("open_a_loop_or_a_dangling_symlink")
        .prints("open LOOP\nopen LOOP\nopen NOENT\nopen LOOP\n");
}

#[test]
fn open_with_unknown_flags_is_inval() {
    path("open_with_unknown_flags_is_inval").prints(&"open INVAL\n".repeat(3));
}

#[test]
fn open_creat_directory_is_inval() {
    path("open_creat_directory_is_inval")
        .then(|fs| assert_missing(fs, "new"))
        .prints("open INVAL\n");
}

#[test]
fn open_creat_with_a_trailing_slash_is_isdir() {
    path("open_creat_with_a_trailing_slash_is_isdir")
        .then(|fs| assert_missing(fs, "new"))
        .prints("open ISDIR\n");
}

#[test]
fn open_without_the_directory_rights_is_notcapable() {
    path("open_without_the_directory_rights_is_notcapable")
        .then(|fs| assert_missing(fs, "d/new"))
        .then(|fs| assert_file(fs, "d/inner", b"in d"))
        .prints(&"open NOTCAPABLE\n".repeat(3));
}

#[test]
fn open_too_many_is_mfile() {
    path("open_too_many_is_mfile").prints("opened 1020\nopen MFILE\n");
}

// ---- path_filestat_get ------------------------------------------------------

#[test]
fn filestat_get_of_a_file() {
    path("filestat_get_of_a_file").prints("filestat 0\ntype 4\nsize 5\nnlink 1\n");
}

#[test]
fn filestat_get_follows_a_symlink_only_when_asked() {
    path("filestat_get_follows_a_symlink_only_when_asked")
        .prints("filestat 0\ntype 7\nfilestat 0\ntype 4\nfilestat 0\ntype 7\nfilestat 0\ntype 3\n");
}

#[test]
fn filestat_get_of_dot_is_the_directory() {
    path("filestat_get_of_dot_is_the_directory").prints("filestat 0\ntype 3\nsame_ino 1\n");
}

#[test]
fn filestat_get_of_a_missing_name_is_noent() {
    path("filestat_get_of_a_missing_name_is_noent")
        .prints("filestat NOENT\nfilestat NOENT\nfilestat 0\ntype 7\n");
}

#[test]
fn filestat_get_with_a_trailing_slash_needs_a_directory() {
    path("filestat_get_with_a_trailing_slash")
        .prints("filestat NOTDIR\nfilestat 0\ntype 3\nfilestat 0\ntype 3\n");
}

#[test]
fn filestat_get_bad_flags_or_rights() {
    path("filestat_get_bad_flags_or_rights").prints("filestat INVAL\nfilestat NOTCAPABLE\n");
}

// ---- path_filestat_set_times ------------------------------------------------

#[test]
fn set_times_by_path_mtim_only_leaves_atim() {
    path("set_times_by_path_mtim_only_leaves_atim")
        .prints("set_times 0\nmtim 1600000000123456789\natim_kept 1\n");
}

#[test]
fn set_times_by_path_with_a_time_both_set_and_now_is_inval_and_changes_nothing() {
    path("set_times_by_path_set_and_now_together_is_inval")
        .prints("set_times INVAL\nset_times INVAL\natim_kept 1\nmtim_kept 1\n");
}

#[test]
fn set_times_by_path_without_follow_acts_on_the_link() {
    path("set_times_without_follow_acts_on_the_link")
        .prints("set_times 0\nmtim 1000\ntarget_kept 1\nset_times 0\nmtim 2000\n");
}

#[test]
fn set_times_by_path_now() {
    path("set_times_by_path_now").prints("set_times 0\nin_range 1\natim_eq_mtim 1\n");
}

#[test]
fn set_times_by_path_errors() {
    path("set_times_by_path_errors").prints(
        "set_times NOENT\nset_times NOENT\nset_times INVAL\nset_times INVAL\nset_times NOTCAPABLE\n",
    );
}

// ---- path_create_directory --------------------------------------------------

#[test]
fn mkdir_creates_a_directory() {
    path("mkdir_creates_a_directory").prints("mkdir 0\nfilestat 0\ntype 3\n");
}

#[test]
fn mkdir_over_anything_existing_is_exist() {
    path("mkdir_over_anything_existing_is_exist").prints(&"mkdir EXIST\n".repeat(5));
}

#[test]
fn mkdir_with_a_missing_parent_is_noent() {
    path("mkdir_with_a_missing_parent_is_noent").prints("mkdir NOENT\n");
}

#[test]
fn mkdir_with_a_trailing_slash_works() {
    path("mkdir_with_a_trailing_slash_works")
        .then(|fs| assert_eq!(filetype(fs, "new"), Filetype::DIRECTORY))
        .then(|fs| assert_eq!(filetype(fs, "new2"), Filetype::DIRECTORY))
        .prints("mkdir 0\nmkdir 0\n");
}

#[test]
fn mkdir_without_the_right_is_notcapable() {
    path("mkdir_without_the_right_is_notcapable").prints("mkdir NOTCAPABLE\n");
}

// ---- path_remove_directory --------------------------------------------------

#[test]
fn rmdir_removes_an_empty_directory() {
    path("rmdir_removes_an_empty_directory")
        .then(|fs| assert_missing(fs, "empty"))
        .prints("rmdir 0\n");
}

#[test]
fn rmdir_of_a_non_empty_directory_is_notempty() {
    path("rmdir_of_a_non_empty_directory_is_notempty")
        .then(|fs| assert_file(fs, "d/inner", b"in d"))
        .prints("rmdir NOTEMPTY\n");
}

#[test]
fn rmdir_with_a_trailing_slash_works() {
    path("rmdir_with_a_trailing_slash_works")
        .then(|fs| assert_missing(fs, "empty"))
        .prints("rmdir 0\n");
}

#[test]
fn rmdir_of_a_file_or_a_symlink_is_notdir() {
    path("rmdir_of_a_non_directory_is_notdir")
        .then(|fs| assert_eq!(filetype(fs, "ld"), Filetype::SYMBOLIC_LINK))
        .prints(&"rmdir NOTDIR\n".repeat(3));
}

#[test]
fn rmdir_of_dot_is_inval() {
    path("rmdir_of_dot_is_inval").prints("rmdir INVAL\nrmdir INVAL\n");
}

#[test]
fn rmdir_of_a_path_ending_in_dot_is_inval() {
    path("rmdir_of_a_path_ending_in_dot_is_inval")
        .then(|fs| assert_eq!(filetype(fs, "empty"), Filetype::DIRECTORY))
        .prints("rmdir INVAL\n");
}

#[test]
fn rmdir_while_open_works() {
    path("rmdir_while_open_works").prints("rmdir 0\nmkdir 0\n");
}

#[test]
fn rmdir_errors() {
    path("rmdir_errors").prints("rmdir NOENT\nrmdir NOTCAPABLE\n");
}

// ---- path_unlink_file -------------------------------------------------------

#[test]
fn unlink_removes_a_file_and_leaves_links_to_it_dangling() {
    path("unlink_removes_a_file")
        .then(|fs| assert_missing(fs, "f"))
        .prints("unlink 0\nfilestat NOENT\n");
}

#[test]
fn unlink_of_a_directory_is_isdir() {
    path("unlink_of_a_directory_is_isdir")
        .then(|fs| assert_eq!(filetype(fs, "d"), Filetype::DIRECTORY))
        .prints(&"unlink ISDIR\n".repeat(3));
}

#[test]
fn unlink_a_file_with_a_trailing_slash_is_notdir() {
    path("unlink_a_file_with_a_trailing_slash_is_notdir")
        .then(|fs| assert_file(fs, "f", b"hello"))
        .prints("unlink NOTDIR\n");
}

#[test]
fn unlink_a_symlink_to_a_directory_removes_the_link_only() {
    path("unlink_a_symlink_to_a_directory_removes_the_link_only")
        .then(|fs| assert_missing(fs, "ld"))
        .prints("unlink 0\nfilestat 0\ntype 4\n");
}

#[test]
fn unlink_a_dangling_symlink() {
    path("unlink_a_dangling_symlink")
        .then(|fs| assert_missing(fs, "dangling"))
        .prints("unlink 0\n");
}

#[test]
fn unlink_while_open_keeps_the_data() {
    path("unlink_while_open_keeps_the_data")
        .then(|fs| assert_file(fs, "f", b""))
        .prints("unlink 0\nfilestat NOENT\nread 0\ndata hello\nopen 0\n");
}

#[test]
fn unlink_errors() {
    path("unlink_errors").prints("unlink NOENT\nunlink NOTCAPABLE\n");
}

// ---- path_rename ------------------------------------------------------------

#[test]
fn rename_a_file() {
    path("rename_a_file")
        .then(|fs| assert_file(fs, "g", b"hello"))
        .then(|fs| assert_missing(fs, "f"))
        .prints("rename 0\n");
}

#[test]
fn rename_a_file_over_a_file_replaces_it() {
    path("rename_a_file_over_a_file_replaces_it")
        .given(|fs| put(fs, "g", b"old"))
        .then(|fs| assert_file(fs, "g", b"hello"))
        .then(|fs| assert_missing(fs, "f"))
        .prints("rename 0\n");
}

#[test]
fn rename_a_directory_with_its_contents() {
    path("rename_a_directory")
        .then(|fs| assert_file(fs, "e/inner", b"in d"))
        .then(|fs| assert_missing(fs, "d"))
        .prints("rename 0\n");
}

#[test]
fn rename_a_directory_over_an_empty_directory_replaces_it() {
    path("rename_a_directory_over_an_empty_directory")
        .then(|fs| assert_file(fs, "empty/inner", b"in d"))
        .then(|fs| assert_missing(fs, "d"))
        .prints("rename 0\n");
}

#[test]
fn rename_over_a_non_empty_directory_is_notempty() {
    path("rename_over_a_non_empty_directory_is_notempty").prints("rename NOTEMPTY\n");
}

#[test]
fn rename_a_file_over_a_directory_is_isdir_and_a_directory_over_a_file_notdir() {
    path("rename_across_types_fails").prints("rename ISDIR\nrename NOTDIR\n");
}

#[test]
fn rename_a_directory_into_itself_is_inval() {
    path("rename_a_directory_into_itself_is_inval").prints("rename INVAL\nrename INVAL\n");
}

#[test]
fn rename_directories_with_trailing_slashes() {
    path("rename_directories_with_trailing_slashes")
        .then(|fs| assert_eq!(filetype(fs, "e3"), Filetype::DIRECTORY))
        .then(|fs| assert_missing(fs, "empty"))
        .prints(&"rename 0\n".repeat(3));
}

#[test]
fn rename_a_file_with_a_trailing_slash_is_notdir() {
    path("rename_a_file_with_a_trailing_slash_is_notdir")
        .then(|fs| assert_file(fs, "f", b"hello"))
        .prints("rename NOTDIR\nrename NOTDIR\n");
}

#[test]
fn rename_onto_itself_changes_nothing() {
    path("rename_onto_itself_changes_nothing")
        .then(|fs| assert_file(fs, "f", b"hello"))
        .then(|fs| assert_file(fs, "d/inner", b"in d"))
        .prints("rename 0\nrename 0\n");
}

#[test]
fn rename_a_missing_name_is_noent_and_dot_is_inval() {
    path("rename_a_missing_name_or_dot").prints("rename NOENT\nrename INVAL\nrename INVAL\n");
}

#[test]
fn rename_moves_and_replaces_symlinks_themselves() {
    path("rename_moves_and_replaces_symlinks_themselves")
        .then(|fs| assert_eq!(link_target(fs, "lg"), "f"))
        .then(|fs| assert_file(fs, "dangling", b"hello"))
        .then(|fs| assert_missing(fs, "lf"))
        .prints("rename 0\nrename 0\n");
}

#[test]
fn rename_across_directory_fds() {
    path("rename_across_directory_fds")
        .then(|fs| assert_file(fs, "d/moved", b"hello"))
        .prints("rename 0\n");
}

#[test]
fn rename_without_the_rights_is_notcapable() {
    path("rename_without_the_rights_is_notcapable")
        .prints("rename NOTCAPABLE\nrename NOTCAPABLE\n");
}

// ---- path_link --------------------------------------------------------------

#[test]
fn link_makes_a_second_name_for_the_same_file() {
    path("link_makes_a_second_name")
        .then(|fs| assert_file(fs, "f", b"Jello"))
        .then(|fs| assert_file(fs, "g", b"Jello"))
        .prints("link 0\nnlink 2\nsame_ino 1\nwrite 0\n");
}

#[test]
fn link_onto_anything_existing_is_exist() {
    path("link_onto_anything_existing_is_exist").prints(&"link EXIST\n".repeat(4));
}

#[test]
fn link_a_directory_is_perm() {
    path("link_a_directory_is_perm").prints("link PERM\n");
}

#[test]
fn link_to_a_name_with_a_trailing_slash_is_noent() {
    path("link_to_a_name_with_a_trailing_slash_is_noent")
        .then(|fs| assert_missing(fs, "new"))
        .prints("link NOENT\n");
}

#[test]
fn link_a_dangling_symlink_or_a_loop_without_follow_links_the_symlink() {
    path("link_a_symlink_without_follow_links_the_symlink")
        .then(|fs| assert_eq!(link_target(fs, "l2"), "nowhere"))
        .prints("link 0\nfilestat 0\ntype 7\nlink 0\nfilestat 0\ntype 7\n");
}

#[test]
fn link_with_follow_links_the_target() {
    path("link_with_follow_links_the_target")
        .prints("link 0\nfilestat 0\ntype 4\nnlink 2\nlink NOENT\n");
}

#[test]
fn link_errors() {
    path("link_errors").prints("link NOENT\nlink NOTCAPABLE\nlink NOTCAPABLE\n");
}

// ---- path_symlink -----------------------------------------------------------

#[test]
fn symlink_may_dangle() {
    path("symlink_may_dangle")
        .then(|fs| assert_eq!(link_target(fs, "s"), "nowhere2"))
        .prints("symlink 0\nfilestat 0\ntype 7\nfilestat NOENT\n");
}

#[test]
fn symlink_with_an_absolute_target_is_perm() {
    path("symlink_with_an_absolute_target_is_perm")
        .then(|fs| assert_missing(fs, "s"))
        .prints("symlink PERM\nsymlink PERM\n");
}

#[test]
fn symlink_at_a_name_with_a_trailing_slash_is_noent() {
    path("symlink_at_a_name_with_a_trailing_slash_is_noent")
        .then(|fs| assert_missing(fs, "s"))
        .prints("symlink NOENT\n");
}

#[test]
fn symlink_onto_anything_existing_fails() {
    path("symlink_onto_anything_existing_fails")
        .prints("symlink EXIST\nsymlink EXIST\nsymlink EXIST\nsymlink EXIST\nsymlink NOTDIR\n");
}

#[test]
fn symlink_targets_are_stored_as_given() {
    path("symlink_targets_are_stored_as_given")
        .prints("symlink 0\nreadlink 0\nused 12\ndata ../up/./x//y\n");
}

#[test]
fn a_symlink_resolves_from_its_own_directory() {
    path("a_symlink_resolves_from_its_own_directory").prints("symlink 0\nread 0\ndata in d\n");
}

#[test]
fn symlink_with_a_bad_target() {
    path("symlink_with_a_bad_target")
        .then(|fs| assert_missing(fs, "s"))
        .prints("symlink NOENT\nsymlink INVAL\nsymlink ILSEQ\nsymlink NAMETOOLONG\n");
}

#[test]
fn symlink_without_the_right_is_notcapable() {
    path("symlink_without_the_right_is_notcapable").prints("symlink NOTCAPABLE\n");
}

// ---- path_readlink ----------------------------------------------------------

#[test]
fn readlink_reads_the_target_and_leaves_the_rest_of_the_buffer() {
    path("readlink_reads_the_target").prints("readlink 0\nused 6\ndata target####\n");
}

#[test]
fn readlink_into_a_short_buffer_truncates() {
    path("readlink_into_a_short_buffer_truncates")
        .prints("readlink 0\nused 4\ndata targ\nreadlink 0\nused 0\ndata \n");
}

#[test]
fn readlink_of_a_non_symlink_is_inval() {
    path("readlink_of_a_non_symlink_is_inval").prints(&"readlink INVAL\n".repeat(3));
}

#[test]
fn readlink_through_a_symlinked_directory() {
    path("readlink_through_a_symlinked_directory").prints("readlink 0\nused 5\ndata inner\n");
}

#[test]
fn readlink_errors() {
    path("readlink_errors").prints("readlink NOENT\nreadlink NOTCAPABLE\n");
}

#[test]
fn readlink_into_out_of_bounds_memory_traps() {
    path("readlink_into_out_of_bounds_memory_traps").traps("out of bounds");
}

// ---- two filesystems --------------------------------------------------------

#[test]
fn rename_or_link_across_filesystems_is_xdev() {
    path("rename_or_link_across_filesystems_is_xdev")
        .with_second_preopen()
        .then(|fs| assert_file(fs, "f", b"hello"))
        .then(|fs| assert_missing(fs, "g"))
        .prints("rename XDEV\nlink XDEV\n");
}

// ---- the sandbox of a directory descriptor ----------------------------------

#[test]
fn dotdot_never_climbs_above_the_directory_fd_even_inside_the_preopen() {
    path("dotdot_never_climbs_above_the_directory_fd")
        .prints("open PERM\nopen PERM\nopen 0\nopen PERM\n");
}

#[test]
fn files_share_a_device_and_have_distinct_inodes() {
    path("files_share_a_device_and_have_distinct_inodes").prints("same_dev 1\nsame_ino 0\n");
}

// ---- paths ending in "." ----------------------------------------------------

#[test]
fn rename_of_a_path_ending_in_dot_is_inval() {
    path("rename_of_a_path_ending_in_dot_is_inval")
        .then(|fs| assert_eq!(filetype(fs, "empty"), Filetype::DIRECTORY))
        .then(|fs| assert_missing(fs, "e"))
        .prints("rename INVAL\n");
}

#[test]
fn mkdir_of_a_path_ending_in_dot_is_noent() {
    path("mkdir_of_a_path_ending_in_dot_is_noent")
        .then(|fs| assert_missing(fs, "new"))
        .prints("mkdir NOENT\n");
}
