# Read and write the shadow stack pointer (the __stack_pointer global that
# wasm-ld defines), which C cannot name: sjlj.c restores it on longjmp.
	.globaltype	__stack_pointer, i32

	.globl	wasi_sjlj_get_sp
	.type	wasi_sjlj_get_sp,@function
wasi_sjlj_get_sp:
	.functype	wasi_sjlj_get_sp () -> (i32)
	global.get	__stack_pointer
	end_function

	.globl	wasi_sjlj_set_sp
	.type	wasi_sjlj_set_sp,@function
wasi_sjlj_set_sp:
	.functype	wasi_sjlj_set_sp (i32) -> ()
	local.get	0
	global.set	__stack_pointer
	end_function
